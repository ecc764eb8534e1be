package dev.entrada.registration.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrganizerAuthTest {

    @Test
    void onlyTheConfiguredBearerTokenIsAnOrganiser() {
        OrganizerAuth auth = new OrganizerAuth("s3cret-token");

        assertThat(auth.isOrganizer("Bearer s3cret-token")).isTrue();
        assertThat(auth.isOrganizer("bearer s3cret-token")).isTrue();
        assertThat(auth.isOrganizer("Bearer s3cret-tokeN")).isFalse();
        assertThat(auth.isOrganizer("Bearer s3cret")).isFalse();
        assertThat(auth.isOrganizer("Basic s3cret-token")).isFalse();
        assertThat(auth.isOrganizer("s3cret-token")).isFalse();
        assertThat(auth.isOrganizer(null)).isFalse();
    }

    @Test
    void withoutAConfiguredTokenNobodyIsAnOrganiser() {
        for (String unset : new String[] {null, "", "   "}) {
            OrganizerAuth auth = new OrganizerAuth(unset);

            assertThat(auth.isOrganizer("Bearer ")).isFalse();
            assertThat(auth.isOrganizer("Bearer")).isFalse();
            assertThat(auth.isOrganizer("Bearer null")).isFalse();
        }
    }
}
