package dev.entrada.checkin;

import dev.entrada.identity.Caller;
import dev.entrada.identity.Role;
import dev.entrada.identity.ServiceTokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Callers as the gateway vouches for them: {@code X-Entrada-Caller} tokens minted with the tests'
 * secret ({@code src/test/resources/application-test.yml}).
 */
public final class TestCallers {
    public static final String SECRET = "checkin-service-tests-only-secret-0123456789abcdef";
    public static final String HEADER = ServiceTokens.HEADER;
    private static final ServiceTokens TOKENS = new ServiceTokens(SECRET);

    public static Caller organizerCaller() {
        return new Caller("organizer", Role.ORGANIZER, Set.of(), session());
    }

    public static Caller staffCaller(String... events) {
        return new Caller("staff-" + String.join("+", events), Role.STAFF, Set.of(events), session());
    }

    /** A token for an organiser (every event). */
    public static String organizer() {
        return mint(organizerCaller());
    }

    /** A token for staff assigned to {@code events} ({@link Caller#ALL_EVENTS} for all). */
    public static String staff(String... events) {
        return mint(staffCaller(events));
    }

    public static String mint(Caller caller) {
        return TOKENS.mint(caller, Instant.now());
    }

    /** {@code request} as sent by {@code token}'s caller. */
    public static <T> MutableHttpRequest<T> as(String token, MutableHttpRequest<T> request) {
        return request.header(HEADER, token);
    }

    /** A GET from staff assigned to every event (what the existing endpoint tests need). */
    public static <T> MutableHttpRequest<T> GET(String uri) {
        return as(staff(Caller.ALL_EVENTS), HttpRequest.<T>GET(uri));
    }

    public static <T> MutableHttpRequest<T> GET(java.net.URI uri) {
        return as(staff(Caller.ALL_EVENTS), HttpRequest.<T>GET(uri));
    }

    /** A POST from staff assigned to every event. */
    public static <T> MutableHttpRequest<T> POST(String uri, T body) {
        return as(staff(Caller.ALL_EVENTS), HttpRequest.POST(uri, body));
    }

    private static String session() {
        return "test-session-" + UUID.randomUUID();
    }

    private TestCallers() {
    }
}
