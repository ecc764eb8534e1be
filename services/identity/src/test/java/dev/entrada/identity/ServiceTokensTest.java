package dev.entrada.identity;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceTokensTest {
    private static final String SECRET = "a-secret-of-at-least-thirty-two-characters";
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Caller STAFF = new Caller("marta", Role.STAFF, Set.of("b2b-tomelloso-2026", "noche-telecom-2026"), "s-1");

    private final ServiceTokens tokens = new ServiceTokens(SECRET);

    @Test
    void aMintedTokenVouchesForTheCallerUntilItExpires() {
        String token = tokens.mint(STAFF, NOW);

        assertThat(tokens.verify(token, NOW)).isEqualTo(STAFF);
        assertThat(tokens.verify(token, NOW.plus(ServiceTokens.LIFETIME).minusSeconds(1))).isEqualTo(STAFF);
        assertThatThrownBy(() -> tokens.verify(token, NOW.plus(ServiceTokens.LIFETIME)))
                .isInstanceOfSatisfying(AccessDenied.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("expired");
                });
    }

    @Test
    void namesWithSeparatorsSurviveTheRoundTrip() {
        Caller odd = new Caller("ana&role=ADMIN", Role.STAFF, Set.of("a,b=c"), "sid&x");

        Caller back = tokens.verify(tokens.mint(odd, NOW), NOW);

        assertThat(back.subject()).isEqualTo("ana&role=ADMIN");
        assertThat(back.role()).isEqualTo(Role.STAFF);
    }

    @Test
    void everySingleCharacterChangeIsRefused() {
        String token = tokens.mint(STAFF, NOW);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
        for (int i = 0; i < token.length(); i++) {
            for (char c : new char[]{alphabet.charAt((alphabet.indexOf(token.charAt(i)) + 1) % alphabet.length()), '.'}) {
                if (c == token.charAt(i)) {
                    continue;
                }
                String forged = token.substring(0, i) + c + token.substring(i + 1);
                Caller verified = verifyOrNull(forged);
                assertThat(verified).as("changed position %d to %s", i, c).isIn(null, STAFF);
                // base64 without padding has slack bits in its last character: a change there may decode
                // to the same bytes, which is the same token, never a different caller.
            }
        }
    }

    @Test
    void aTokenFromAnotherSecretOrForgedRoleIsRefused() {
        String foreign = new ServiceTokens("another-secret-of-at-least-thirty-two-chars").mint(STAFF, NOW);
        assertThatThrownBy(() -> tokens.verify(foreign, NOW)).isInstanceOf(AccessDenied.class);

        String token = tokens.mint(STAFF, NOW);
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("role=STAFF", "role=ADMIN");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
        assertThatThrownBy(() -> tokens.verify(forged, NOW)).isInstanceOf(AccessDenied.class);
    }

    @Test
    void tokensFromTheFutureOrWithoutAllFieldsAreRefused() {
        String future = tokens.mint(STAFF, NOW.plusSeconds(600));
        assertThatThrownBy(() -> tokens.verify(future, NOW)).isInstanceOf(AccessDenied.class);
        for (String junk : new String[]{"e1", "e1.", "e1..", "x1.abc.def", "e1.!!!.???", "e1.abc", "e1." + "A".repeat(5000)}) {
            assertThat(verifyOrNull(junk)).as(junk).isNull();
        }
    }

    @Test
    void noHeaderIsAnAnonymousCaller() {
        assertThat(tokens.verify(null, NOW)).isNull();
        assertThat(tokens.verify("", NOW)).isNull();
    }

    @Test
    void aShortOrMissingSecretIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new ServiceTokens("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ENTRADA_SERVICE_TOKEN_SECRET");
        assertThatThrownBy(() -> new ServiceTokens(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(tokens.toString()).doesNotContain(SECRET);
    }

    private Caller verifyOrNull(String token) {
        try {
            return tokens.verify(token, NOW);
        } catch (AccessDenied e) {
            assertThat(e.status()).isEqualTo(401);
            return null;
        }
    }
}
