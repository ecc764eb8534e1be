package dev.entrada.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

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

/**
 * Registration POSTs per client address and scans per sign-in, with the in-process buckets. Tight limits
 * (3 in a burst, then one every 20 s) so that the fourth request in a row is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ENTRADA_RATE_REGISTRATION_PER_SECOND=0.05", "ENTRADA_RATE_REGISTRATION_BURST=3",
        "ENTRADA_RATE_SCAN_PER_SECOND=0.05", "ENTRADA_RATE_SCAN_BURST=3"})
class RateLimitTest {

    static final StandInBackend registration = StandInBackend.start("registration");
    static final StandInBackend checkin = StandInBackend.start("checkin");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("REGISTRATION_URL", registration::url);
        registry.add("CHECKIN_URL", checkin::url);
    }

    @AfterAll
    static void stopBackends() {
        registration.close();
        checkin.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    EntradaRateLimiter limiter;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void theBucketsAreKeptInThisProcess() {
        assertThat(limiter.usesRedis()).isFalse();
    }

    @Test
    void registrationsFromOneAddressAreLimitedWith429AndRetryAfter() {
        RateLimitAssertions.fourthRegistrationIsRefused(client, registration);
        // reading is not limited
        for (int i = 0; i < 10; i++) {
            client.get().uri("/api/events").exchange().expectStatus().isOk();
        }
    }

    @Test
    void scansAreLimitedPerSignInSoOneDeviceDoesNotStopAnother() {
        String first = TestSessions.signIn(client, "staff", TestSessions.STAFF_PASSWORD, "door 1").token();
        String second = TestSessions.signIn(client, "staff", TestSessions.STAFF_PASSWORD, "door 2").token();
        for (int i = 0; i < 3; i++) {
            scan(first, i % 2 == 0 ? "/api/checkins" : "/api/checkins/sync").expectStatus().isOk();
        }
        scan(first, "/api/checkins/manual").expectStatus().isEqualTo(429)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        scan(second, "/api/checkins").expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec scan(String token, String path) {
        return client.post().uri(path).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", "X")).exchange();
    }
}
