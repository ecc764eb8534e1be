package dev.entrada.ticketing;

import dev.entrada.identity.Caller;
import dev.entrada.identity.Role;
import dev.entrada.identity.ServiceTokens;

import java.time.Instant;
import java.util.Set;

/** Caller tokens as the gateway mints them, signed with the secret the tests configure. */
public final class TestCallers {
    public static final String SECRET = "ticketing-service-test-secret-" + "0123456789abcdef";
    public static final String HEADER = ServiceTokens.HEADER;
    private static final ServiceTokens TOKENS = new ServiceTokens(SECRET);

    public static String organizer() {
        return token(new Caller("organizer", Role.ORGANIZER, Set.of(), "test-session"), Instant.now());
    }

    public static String staff(String... events) {
        return token(new Caller("staff", Role.STAFF, Set.of(events), "test-session"), Instant.now());
    }

    public static String token(Caller caller, Instant issuedAt) {
        return TOKENS.mint(caller, issuedAt);
    }

    /** The same caller, signed with another secret. */
    public static String forged() {
        return new ServiceTokens("some-other-secret-that-is-long-enough-0123").mint(
                new Caller("organizer", Role.ORGANIZER, Set.of(), "test-session"), Instant.now());
    }

    private TestCallers() {
    }
}
