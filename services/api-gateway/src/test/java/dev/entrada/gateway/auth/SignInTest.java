package dev.entrada.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.entrada.gateway.TestSessions;

/** Sign-in, sign-out, lockout and the shape of the sign-in request. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignInTest {

    @LocalServerPort
    int port;

    @Autowired
    AuthStore store;

    @Autowired
    SessionPurge purge;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void sessionsThatEndedMoreThanThirtyDaysAgoAreForgottenTheOthersKept() {
        Instant now = Instant.now();
        String longExpired = session(now.minus(Duration.ofDays(45)), now.minus(Duration.ofDays(31)));
        String recentlyExpired = session(now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(1)));
        String live = session(now, now.plus(Duration.ofDays(7)));
        String longRevoked = session(now.minus(Duration.ofDays(40)), now.plus(Duration.ofDays(7)));
        store.revoke(longRevoked, now.minus(Duration.ofDays(40)), "organizer");
        String recentlyRevoked = session(now.minus(Duration.ofDays(2)), now.plus(Duration.ofDays(7)));
        store.revoke(recentlyRevoked, now.minus(Duration.ofDays(2)), "organizer");

        assertThat(purge.purge()).isGreaterThanOrEqualTo(2);

        assertThat(store.session(longExpired)).isEmpty();
        assertThat(store.session(longRevoked)).isEmpty();
        assertThat(store.session(recentlyExpired)).isPresent();
        assertThat(store.session(recentlyRevoked)).isPresent();
        assertThat(store.session(live)).isPresent();
    }

    private String session(Instant created, Instant expires) {
        String id = UUID.randomUUID().toString();
        store.createSession(id, "hash-" + id, "staff", Session.DEVICE, "door test", created, expires);
        return id;
    }

    @Test
    void theRightPasswordGivesATokenAndAStrictHttpOnlyCookie() {
        var result = client.post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "staff", "password", TestSessions.STAFF_PASSWORD))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody()
                .jsonPath("$.token").isNotEmpty()
                .jsonPath("$.expiresAt").isNotEmpty()
                .jsonPath("$.username").isEqualTo("staff")
                .jsonPath("$.role").isEqualTo("STAFF")
                .jsonPath("$.events[0]").isEqualTo("*")
                .returnResult();
        String setCookie = result.getResponseHeaders().getFirst(HttpHeaders.SET_COOKIE);
        assertThat(setCookie).startsWith("entrada_session=");
        assertThat(setCookie.toLowerCase(java.util.Locale.ROOT))
                .contains("; httponly", "; samesite=strict", "; path=/", "; max-age=43200").doesNotContain("secure");
    }

    @Test
    void behindTlsTheCookieIsSecure() {
        String setCookie = client.post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-Proto", "https")
                .bodyValue(Map.of("username", "staff", "password", TestSessions.STAFF_PASSWORD))
                .exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst(HttpHeaders.SET_COOKIE);
        assertThat(setCookie.toLowerCase(java.util.Locale.ROOT)).contains("; secure");
    }

    @Test
    void aDeviceSignInLastsSevenDays() {
        client.post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "staff", "password", TestSessions.STAFF_PASSWORD, "device", "North door 2"))
                .exchange().expectStatus().isOk()
                .expectHeader().value(HttpHeaders.SET_COOKIE, value -> assertThat(value).contains("Max-Age=604800"));
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        String wrong = unauthorized("staff", "not-the-password-at-all");
        String unknown = unauthorized("nobody-" + UUID.randomUUID().toString().substring(0, 8), "not-the-password-at-all");
        assertThat(wrong).isEqualTo(unknown);
    }

    private String unauthorized(String username, String password) {
        return new String(client.post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE)
                .expectBody().returnResult().getResponseBodyContent());
    }

    @Test
    void fiveFailuresInARowLockTheAccountWithRetryAfter() {
        String organizer = TestSessions.organizer(client).token();
        String username = "door-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "a-long-enough-password";
        client.post().uri("/api/auth/accounts").headers(h -> h.setBearerAuth(organizer))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password, "events", java.util.List.of("*")))
                .exchange().expectStatus().isCreated();

        for (int i = 1; i <= 4; i++) {
            client.post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", username, "password", "wrong-password-" + i))
                    .exchange().expectStatus().isUnauthorized();
        }
        client.post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", "wrong-password-5"))
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, value -> assertThat(Long.parseLong(value)).isBetween(800L, 900L))
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        // Locked: even the right password is refused until the lock ends.
        client.post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password))
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER);
    }

    @Test
    void unknownFieldsMissingFieldsAndOversizedBodiesAreRefused() {
        client.post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "staff", "password", TestSessions.STAFF_PASSWORD, "role", "ADMIN"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("Unknown field 'role'.");
        client.post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "staff"))
                .exchange().expectStatus().isBadRequest();
        client.post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "staff", "password", "x".repeat(3000)))
                .exchange().expectStatus().isEqualTo(413);
        client.post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "staff", "password", TestSessions.STAFF_PASSWORD, "device", "d".repeat(101)))
                .exchange().expectStatus().isBadRequest();
        client.post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[1, 2]")
                .exchange().expectStatus().isBadRequest();
    }

    @Test
    void meAndSignOut() {
        TestSessions.SignedIn staff = TestSessions.staff(client);
        client.get().uri("/api/auth/me").headers(h -> h.setBearerAuth(staff.token()))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.username").isEqualTo("staff").jsonPath("$.role").isEqualTo("STAFF")
                .jsonPath("$.id").isEqualTo(staff.sessionId());
        client.get().uri("/api/auth/me").cookie("entrada_session", staff.cookie())
                .exchange().expectStatus().isOk();

        var logout = client.post().uri("/api/auth/logout").cookie("entrada_session", staff.cookie())
                .exchange().expectStatus().isNoContent().returnResult(Void.class);
        ResponseCookie cleared = logout.getResponseCookies().getFirst("entrada_session");
        assertThat(cleared).isNotNull();
        assertThat(cleared.getMaxAge()).isZero();

        client.get().uri("/api/auth/me").headers(h -> h.setBearerAuth(staff.token()))
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        client.get().uri("/api/auth/me").exchange().expectStatus().isUnauthorized();
    }
}
