package dev.entrada.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialsTest {

    @Test
    void generatedOnceKeptPrivateAndReusedOnTheNextStart(@TempDir Path dir) throws Exception {
        Credentials first = Credentials.of(dir);
        Credentials second = Credentials.of(dir);

        assertThat(first.generated()).isTrue();
        assertThat(second.generated()).isFalse();
        assertThat(second).usingRecursiveComparison().ignoringFields("generated").isEqualTo(first);
        assertThat(first.serviceTokenSecret()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(first.organizerPassword()).hasSizeGreaterThanOrEqualTo(12).isNotEqualTo(first.staffPassword());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(Credentials.FILE))))
                .isEqualTo("rw-------");
        assertThat(first.toString()).doesNotContain(first.organizerPassword());
    }

    @Test
    void onlyTheGatewayGetsThePasswords() {
        Credentials credentials = Credentials.random();

        assertThat(credentials.environment(false)).containsOnlyKeys(Credentials.SECRET_ENV);
        assertThat(credentials.environment(true))
                .containsEntry(Credentials.ORGANIZER_ENV, credentials.organizerPassword())
                .containsEntry(Credentials.STAFF_ENV, credentials.staffPassword())
                .containsKey(Credentials.SECRET_ENV);
    }
}
