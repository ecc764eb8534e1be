package dev.entrada.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.entrada.gateway.StandInBackend;

/** The same checks against the in-process and the Redis buckets. */
final class RateLimitAssertions {

    private RateLimitAssertions() {
    }

    /** With a burst of 3 and one token every 20 s: three pass, the fourth is a 429 problem with Retry-After. */
    static void fourthRegistrationIsRefused(WebTestClient client, StandInBackend registration) {
        registration.forget();
        for (int i = 0; i < 3; i++) {
            register(client).expectStatus().isOk();
        }
        register(client)
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER,
                        value -> assertThat(Long.parseLong(value)).isBetween(1L, 20L))
                .expectBody().jsonPath("$.status").isEqualTo(429);
        int reached = 0;
        while (!registration.receivedNothing()) {
            try {
                registration.next();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            reached++;
        }
        assertThat(reached).isEqualTo(3);
    }

    private static WebTestClient.ResponseSpec register(WebTestClient client) {
        return client.post().uri("/api/events/e1/registrations")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("fullName", "Ana")).exchange();
    }
}
