package dev.entrada.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The bearer token organiser-only endpoints accept until sign-in exists (docs/decisions.md):
 * {@code ENTRADA_ORGANIZER_TOKEN} when set, else the one kept in {@code <data>/organizer-token},
 * else a new random one written there (readable by its owner only).
 */
final class OrganizerToken {
    static final String FILE = "organizer-token";

    static String of(Path dataDir) {
        String fromEnv = System.getenv("ENTRADA_ORGANIZER_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(dataDir);
            String token = random();
            Files.writeString(file, token + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data folder's own permissions apply
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private OrganizerToken() {
    }
}
