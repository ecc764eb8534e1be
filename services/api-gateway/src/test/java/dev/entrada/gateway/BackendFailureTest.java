package dev.entrada.gateway;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What a client sees when a backend is down or too slow: a problem, never a stack trace. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s")
class BackendFailureTest {

    static final String stoppedUrl;

    static {
        StandInBackend stopped = StandInBackend.start("stopped");
        stoppedUrl = stopped.url();
        stopped.close();
    }

    static final CountDownLatch releaseSlowAnswer = new CountDownLatch(1);
    static final StandInBackend slow = StandInBackend.start("slow");

    static {
        slow.on("/api/tickets/slow", exchange -> {
            try {
                releaseSlowAnswer.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            StandInBackend.respond(exchange, 200, "application/json", "{}");
        });
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("REGISTRATION_URL", () -> stoppedUrl);
        registry.add("CHECKIN_URL", () -> stoppedUrl);
        registry.add("TICKETING_URL", slow::url);
    }

    @AfterAll
    static void stopBackends() {
        releaseSlowAnswer.countDown();
        slow.close();
    }

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(15)).build();
    }

    @Test
    void aStoppedBackendIsA503Problem() {
        client.get().uri("/api/events")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.title").isEqualTo("Service Unavailable")
                .jsonPath("$.detail").isEqualTo("The service behind this path is not reachable right now. Try again shortly.")
                .jsonPath("$.trace").doesNotExist()
                .jsonPath("$.exception").doesNotExist();
    }

    @Test
    void aScanAgainstAStoppedBackendIsA503ProblemToo() {
        client.post().uri("/api/checkins")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"code\":\"X\",\"checkpointId\":\"main-door\",\"deviceId\":\"d\",\"nonce\":\"n\"}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(503);
    }

    @Test
    void aBackendThatDoesNotAnswerInTimeIsA504Problem() {
        client.get().uri("/api/tickets/slow?token=abc")
                .exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(504)
                .jsonPath("$.title").isEqualTo("Gateway Timeout");
    }
}
