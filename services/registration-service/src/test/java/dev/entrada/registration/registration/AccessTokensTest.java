package dev.entrada.registration.registration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTokensTest {

    @Test
    void aTokenIs32RandomBytesInBase64UrlAndOnlyItsHashIsKept() {
        AccessTokens.AccessToken a = AccessTokens.generate();
        AccessTokens.AccessToken b = AccessTokens.generate();

        assertThat(a.value()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(b.value());
        assertThat(a.hash()).matches("[0-9a-f]{64}").isEqualTo(AccessTokens.hash(a.value()));
    }

    @Test
    void theHashIsSha256HexOfTheTokenText() {
        // the value in the golden RegistrationConfirmed sample is SHA-256("test")
        assertThat(AccessTokens.hash("test")).isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }

    @Test
    void onlyTheRightTokenMatches() {
        AccessTokens.AccessToken token = AccessTokens.generate();

        assertThat(AccessTokens.matches(token.value(), token.hash())).isTrue();
        assertThat(AccessTokens.matches(token.value() + "x", token.hash())).isFalse();
        assertThat(AccessTokens.matches(null, token.hash())).isFalse();
        assertThat(AccessTokens.matches(token.value(), null)).isFalse();
    }
}
