package dev.entrada.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.entrada.gateway.StandInBackend;
import dev.entrada.gateway.TestSessions;
import dev.entrada.identity.AccessDenied;
import dev.entrada.identity.Caller;
import dev.entrada.identity.Role;
import dev.entrada.identity.ServiceTokens;

/**
 * What the backends get from a signed-in (or not) request, revocation, CSRF, the audit log, accounts
 * and the page redirects.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "entrada.auth.session-cache=2s")
class SignedInProxyTest {

    static final StandInBackend registration = StandInBackend.start("registration");
    static final StandInBackend checkin = StandInBackend.start("checkin");
    static final StandInBackend reporting = StandInBackend.start("reporting");
    static final ServiceTokens tokens = new ServiceTokens(TestSessions.SECRET);

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("REGISTRATION_URL", registration::url);
        registry.add("CHECKIN_URL", checkin::url);
        registry.add("REPORTING_URL", reporting::url);
    }

    @AfterAll
    static void stopBackends() {
        registration.close();
        checkin.close();
        reporting.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    AuthStore store;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
        registration.forget();
        checkin.forget();
        reporting.forget();
    }

    // ---- the caller header ----

    @Test
    void aSignedInRequestReachesTheBackendWithAMintedCallerAndWithoutTheClientsCredentials() throws Exception {
        TestSessions.SignedIn staff = TestSessions.staff(client);
        client.get().uri("/api/checkins/inside?eventId=e1")
                .headers(h -> h.setBearerAuth(staff.token()))
                .header(HttpHeaders.COOKIE, "entrada_session=" + staff.cookie() + "; other=1")
                .exchange().expectStatus().isOk();

        StandInBackend.Received received = checkin.next();
        assertThat(received.header(HttpHeaders.AUTHORIZATION)).isNull();
        assertThat(received.header(HttpHeaders.COOKIE)).isNull();
        Caller caller = tokens.verify(received.header(ServiceTokens.HEADER), Instant.now());
        assertThat(caller.subject()).isEqualTo("staff");
        assertThat(caller.role()).isEqualTo(Role.STAFF);
        assertThat(caller.events()).containsExactly(Caller.ALL_EVENTS);
        assertThat(caller.sessionId()).isEqualTo(staff.sessionId());
    }

    @Test
    void theCookieSignsInToo() throws Exception {
        TestSessions.SignedIn organizer = TestSessions.organizer(client);
        client.get().uri("/api/reports/events/e1/attendance").cookie("entrada_session", organizer.cookie())
                .exchange().expectStatus().isOk();
        StandInBackend.Received received = reporting.next();
        assertThat(received.header(HttpHeaders.COOKIE)).isNull();
        assertThat(tokens.verify(received.header(ServiceTokens.HEADER), Instant.now()).role()).isEqualTo(Role.ORGANIZER);
    }

    @Test
    void aCallerHeaderFromTheClientNeverReachesTheBackend() throws Exception {
        String forged = tokens.mint(new Caller("mallory", Role.ADMIN, java.util.Set.of("*"), "s"), Instant.now());
        // anonymous: the forged header is dropped, none is added
        client.get().uri("/api/events").header(ServiceTokens.HEADER, forged)
                .header(HttpHeaders.COOKIE, "entrada_session=not-a-session")
                .exchange().expectStatus().isOk();
        StandInBackend.Received anonymous = registration.next();
        assertThat(anonymous.header(ServiceTokens.HEADER)).isNull();
        assertThat(anonymous.header(HttpHeaders.COOKIE)).isNull();

        // signed in: the gateway's own token replaces it
        TestSessions.SignedIn staff = TestSessions.staff(client);
        client.get().uri("/api/events").header(ServiceTokens.HEADER, forged)
                .headers(h -> h.setBearerAuth(staff.token()))
                .exchange().expectStatus().isOk();
        StandInBackend.Received signedIn = registration.next();
        assertThat(signedIn.headers().entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(ServiceTokens.HEADER))
                .mapToInt(entry -> entry.getValue().size()).sum()).isEqualTo(1);
        assertThat(tokens.verify(signedIn.header(ServiceTokens.HEADER), Instant.now()).subject()).isEqualTo("staff");
    }

    @Test
    void aForgedOrExpiredBearerIsA401AtTheGateway() {
        client.get().uri("/api/checkins/inside").headers(h -> h.setBearerAuth("forged-" + UUID.randomUUID()))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");

        String expired = AuthService.randomToken();
        Instant longAgo = Instant.now().minus(Duration.ofDays(8));
        store.createSession(UUID.randomUUID().toString(), AuthService.sha256(expired), "staff", Session.DEVICE, "old phone",
                longAgo, longAgo.plus(Duration.ofDays(7)));
        client.get().uri("/api/checkins/inside").headers(h -> h.setBearerAuth(expired))
                .exchange().expectStatus().isUnauthorized();

        client.get().uri("/api/checkins/inside").header(HttpHeaders.AUTHORIZATION, "Basic c3RhZmY6cGFzcw==")
                .exchange().expectStatus().isUnauthorized();
        assertThat(checkin.receivedNothing()).isTrue();
    }

    @Test
    void aRevokedDeviceIsCutOffWithinTheSessionCacheTime() {
        TestSessions.SignedIn phone = TestSessions.signIn(client, "staff", TestSessions.STAFF_PASSWORD, "North door phone");
        scanWith(phone.token()).expectStatus().isOk();

        // Revoked behind this instance's back (as another gateway instance would): the cached lookup
        // may serve for at most entrada.auth.session-cache (2 s here).
        assertThat(store.revoke(phone.sessionId(), Instant.now(), "test")).isTrue();
        Instant revokedAt = Instant.now();
        await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(100))
                .until(() -> scanWith(phone.token()).returnResult(Void.class).getStatus().value() == 401);
        assertThat(Duration.between(revokedAt, Instant.now())).isLessThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void anOrganiserRevokesADeviceThroughTheApiAndItStopsAtOnce() {
        TestSessions.SignedIn phone = TestSessions.signIn(client, "staff", TestSessions.STAFF_PASSWORD, "Lost phone");
        TestSessions.SignedIn organizer = TestSessions.organizer(client);
        scanWith(phone.token()).expectStatus().isOk();

        client.get().uri("/api/auth/sessions").headers(h -> h.setBearerAuth(organizer.token()))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.id == '" + phone.sessionId() + "')].deviceLabel").isEqualTo("Lost phone")
                .jsonPath("$[?(@.id == '" + phone.sessionId() + "')].lastUsedAt").exists();
        client.delete().uri("/api/auth/sessions/" + phone.sessionId()).headers(h -> h.setBearerAuth(organizer.token()))
                .exchange().expectStatus().isNoContent();
        scanWith(phone.token()).expectStatus().isUnauthorized();
        // staff may not end other people's sessions
        TestSessions.SignedIn staff = TestSessions.staff(client);
        client.delete().uri("/api/auth/sessions/" + organizer.sessionId()).headers(h -> h.setBearerAuth(staff.token()))
                .exchange().expectStatus().isForbidden();
    }

    private WebTestClient.ResponseSpec scanWith(String token) {
        return client.post().uri("/api/checkins").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"code\":\"X\"}").exchange();
    }

    // ---- CSRF and CORS ----

    @Test
    void aCookieSignedUnsafeRequestFromAnotherOriginIsRefused() {
        TestSessions.SignedIn organizer = TestSessions.organizer(client);
        client.post().uri("/api/events").cookie("entrada_session", organizer.cookie())
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.delete().uri("/api/auth/sessions/" + organizer.sessionId()).cookie("entrada_session", organizer.cookie())
                .header(HttpHeaders.ORIGIN, "null")
                .exchange().expectStatus().isForbidden();
        client.post().uri("/api/auth/token").header(HttpHeaders.ORIGIN, "https://evil.example")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "staff", "password", TestSessions.STAFF_PASSWORD))
                .exchange().expectStatus().isForbidden();
        client.options().uri("/api/events").header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange().expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        assertThat(registration.receivedNothing()).isTrue();

        // the gateway's own origin, and a Bearer token (not sent by browsers on their own), pass
        client.post().uri("/api/events").cookie("entrada_session", organizer.cookie())
                .header(HttpHeaders.ORIGIN, "http://127.0.0.1:" + port)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isOk();
        client.post().uri("/api/events").headers(h -> h.setBearerAuth(organizer.token()))
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isOk();
    }

    // ---- audit ----

    @Test
    void readingPersonalDataIsAuditedWithoutTheQueryString() {
        TestSessions.SignedIn organizer = TestSessions.organizer(client);
        String registrationId = "reg-" + UUID.randomUUID();
        client.get().uri("/api/registrations/" + registrationId + "?t=secret-link-token")
                .cookie("entrada_session", organizer.cookie())
                .exchange().expectStatus().isOk();
        client.get().uri("/api/reports/events/e1/exports/attendees.csv").headers(h -> h.setBearerAuth(organizer.token()))
                .exchange().expectStatus().isOk();
        // not personal data: not audited
        client.get().uri("/api/reports/events/e1/attendance").headers(h -> h.setBearerAuth(organizer.token()))
                .exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<AuthStore.AuditEntry> entries = store.auditEntries(50, null);
            assertThat(entries).anySatisfy(entry -> {
                assertThat(entry.path()).isEqualTo("/api/registrations/" + registrationId);
                assertThat(entry.username()).isEqualTo("organizer");
                assertThat(entry.role()).isEqualTo("ORGANIZER");
                assertThat(entry.method()).isEqualTo("GET");
                assertThat(entry.status()).isEqualTo(200);
                assertThat(entry.sessionId()).isEqualTo(organizer.sessionId());
            });
            assertThat(entries).anySatisfy(entry ->
                    assertThat(entry.path()).isEqualTo("/api/reports/events/e1/exports/attendees.csv"));
            assertThat(entries).noneSatisfy(entry -> assertThat(entry.path()).contains("secret-link-token"));
            assertThat(entries).noneSatisfy(entry -> assertThat(entry.path()).endsWith("/attendance"));
        });

        client.get().uri("/api/auth/audit?limit=500").headers(h -> h.setBearerAuth(organizer.token()))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.path == '/api/registrations/" + registrationId + "')].username")
                .isEqualTo("organizer");
        client.get().uri("/api/auth/audit").headers(h -> h.setBearerAuth(TestSessions.staff(client).token()))
                .exchange().expectStatus().isForbidden();
    }

    // ---- accounts ----

    @Test
    void anOrganiserCreatesStaffButCannotEscalateRoles() {
        String organizer = TestSessions.organizer(client).token();
        String username = "scanner-" + UUID.randomUUID().toString().substring(0, 8);
        for (String role : List.of("ORGANIZER", "ADMIN")) {
            client.post().uri("/api/auth/accounts").headers(h -> h.setBearerAuth(organizer))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", username, "password", "a-long-enough-password", "role", role,
                            "events", List.of("*")))
                    .exchange().expectStatus().isForbidden();
        }
        client.post().uri("/api/auth/accounts").headers(h -> h.setBearerAuth(organizer))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", "a-long-enough-password", "events", List.of("e1"),
                        "failedAttempts", 0))
                .exchange().expectStatus().isBadRequest();
        client.post().uri("/api/auth/accounts").headers(h -> h.setBearerAuth(organizer))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", "short", "events", List.of("e1")))
                .exchange().expectStatus().isBadRequest();
        client.post().uri("/api/auth/accounts").headers(h -> h.setBearerAuth(organizer))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", "a-long-enough-password", "events", List.of("e1", "e2")))
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.role").isEqualTo("STAFF").jsonPath("$.events.length()").isEqualTo(2);
        client.post().uri("/api/auth/accounts").headers(h -> h.setBearerAuth(organizer))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", "a-long-enough-password", "events", List.of("e1")))
                .exchange().expectStatus().isEqualTo(409);

        TestSessions.SignedIn created = TestSessions.signIn(client, username, "a-long-enough-password");
        client.get().uri("/api/events").headers(h -> h.setBearerAuth(created.token())).exchange().expectStatus().isOk();
        Caller caller = verify(registration);
        assertThat(caller.role()).isEqualTo(Role.STAFF);
        assertThat(caller.events()).containsExactlyInAnyOrder("e1", "e2");

        // staff manage nothing; an organiser may not delete an organiser
        client.get().uri("/api/auth/accounts").headers(h -> h.setBearerAuth(created.token()))
                .exchange().expectStatus().isForbidden();
        client.get().uri("/api/auth/accounts").exchange().expectStatus().isUnauthorized();
        String admin = TestSessions.admin(client).token();
        String other = "org-" + UUID.randomUUID().toString().substring(0, 8);
        client.post().uri("/api/auth/accounts").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", other, "password", "a-long-enough-password", "role", "ORGANIZER"))
                .exchange().expectStatus().isCreated();
        client.delete().uri("/api/auth/accounts/" + other).headers(h -> h.setBearerAuth(organizer))
                .exchange().expectStatus().isForbidden();

        // deleting an account ends its sessions
        client.delete().uri("/api/auth/accounts/" + username).headers(h -> h.setBearerAuth(organizer))
                .exchange().expectStatus().isNoContent();
        client.get().uri("/api/events").headers(h -> h.setBearerAuth(created.token())).exchange().expectStatus().isUnauthorized();
    }

    private static Caller verify(StandInBackend backend) {
        try {
            return tokens.verify(backend.next().header(ServiceTokens.HEADER), Instant.now());
        } catch (InterruptedException | AccessDenied e) {
            throw new AssertionError(e);
        }
    }

    // ---- pages ----

    @Test
    void theScannerAndTheDashboardSendStrangersToTheSignInPage() {
        client.get().uri("/scan").exchange()
                .expectStatus().isSeeOther()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/login?next=%2Fscan");
        client.get().uri("/dashboard").exchange()
                .expectStatus().isSeeOther()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/login?next=%2Fdashboard");
        TestSessions.SignedIn staff = TestSessions.staff(client);
        client.get().uri("/scan").cookie("entrada_session", staff.cookie()).exchange().expectStatus().isOk();
        client.get().uri("/dashboard").cookie("entrada_session", staff.cookie()).exchange()
                .expectStatus().isSeeOther()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/login?next=%2Fdashboard");
        client.get().uri("/dashboard").cookie("entrada_session", TestSessions.organizer(client).cookie())
                .exchange().expectStatus().isOk();
        client.get().uri("/login").exchange().expectStatus().isOk();
    }
}
