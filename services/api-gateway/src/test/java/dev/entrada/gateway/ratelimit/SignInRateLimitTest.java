package dev.entrada.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Sign-in attempts per client address, whatever the user name. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "entrada.rate-limit.sign-in.replenish-rate=0.05", "entrada.rate-limit.sign-in.burst-capacity=3"})
class SignInRateLimitTest {

    @LocalServerPort
    int port;

    @Test
    void theFourthAttemptInARowFromOneAddressIsA429() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
        for (int i = 0; i < 3; i++) {
            client.post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "user-" + i, "password", "wrong-password"))
                    .exchange().expectStatus().isUnauthorized();
        }
        client.post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "staff", "password", "staff-test-password-1"))
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
