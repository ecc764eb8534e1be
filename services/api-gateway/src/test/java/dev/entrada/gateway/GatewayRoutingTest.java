package dev.entrada.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingTest {

    static final StandInBackend registration = StandInBackend.start("registration");
    static final StandInBackend ticketing = StandInBackend.start("ticketing");
    static final StandInBackend checkin = StandInBackend.start("checkin");
    static final StandInBackend reporting = StandInBackend.start("reporting");
    static final Map<String, StandInBackend> backends =
            Map.of("registration", registration, "ticketing", ticketing, "checkin", checkin, "reporting", reporting);

    static final CountDownLatch releaseSecondEvent = new CountDownLatch(1);

    static {
        reporting.on("/api/reports/events/x/stream", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("data: {\"checkedIn\":1}\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (!releaseSecondEvent.await(30, TimeUnit.SECONDS)) {
                    return; // the test failed already; don't hold the thread forever
                }
                out.write("data: {\"checkedIn\":2}\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        registration.on("/api/events/telecom-night-2017/registrations", exchange -> StandInBackend.respond(exchange, 422,
                "application/problem+json",
                "{\"title\":\"Invalid registration\",\"status\":422,\"errors\":[{\"field\":\"email\",\"message\":\"not an e-mail\"}]}"));
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("REGISTRATION_URL", registration::url);
        registry.add("TICKETING_URL", ticketing::url);
        registry.add("CHECKIN_URL", checkin::url);
        registry.add("REPORTING_URL", reporting::url);
    }

    @AfterAll
    static void stopBackends() {
        releaseSecondEvent.countDown();
        backends.values().forEach(StandInBackend::close);
    }

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(15)).build();
        backends.values().forEach(StandInBackend::forget);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET,    /api/events,                                            registration",
            "GET,    /api/events/b2b-industrial-2017,                        registration",
            "POST,   /api/events,                                            registration",
            "POST,   /api/events/b2b-industrial-2017/registrations,          registration",
            "GET,    /api/registrations/reg-1?token=abc%2Bdef_-1,            registration",
            "DELETE, /api/registrations/reg-1?token=abc,                     registration",
            "GET,    /api/tickets/tk-1?token=abc,                            ticketing",
            "GET,    /api/tickets/tk-1/qr.png?token=abc&size=8,              ticketing",
            "POST,   /api/checkins,                                          checkin",
            "POST,   /api/checkins/sync,                                     checkin",
            "GET,    /api/reports/events/b2b-industrial-2017/attendance,     reporting",
    })
    void routesReachTheirBackendWithPathMethodBodyAndQueryIntact(String method, String pathAndQuery, String backend)
            throws InterruptedException {
        boolean hasBody = method.equals("POST");
        String body = "{\"fullName\":\"Ana Núñez\",\"country\":\"ES\"}";
        WebTestClient.RequestBodySpec request = client.method(HttpMethod.valueOf(method))
                .uri(URI.create("http://127.0.0.1:" + port + pathAndQuery));
        WebTestClient.RequestHeadersSpec<?> sent = hasBody
                ? request.contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                : request;

        sent.exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.backend").isEqualTo(backend);

        StandInBackend.Received received = backends.get(backend).next();
        URI expected = URI.create(pathAndQuery);
        assertThat(received.method()).isEqualTo(method);
        assertThat(received.rawPath()).isEqualTo(expected.getRawPath());
        assertThat(received.rawQuery()).isEqualTo(expected.getRawQuery());
        assertThat(received.body()).isEqualTo(hasBody ? body : "");
        backends.forEach((name, other) -> assertThat(other.receivedNothing()).as(name + " got nothing").isTrue());
    }

    @Test
    void aSaneCorrelationIdIsKeptAndForwardedAnythingElseIsReplaced() throws InterruptedException {
        client.get().uri("/api/events").header("X-Correlation-Id", "lb-4711.a")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Correlation-Id", "lb-4711.a");
        assertThat(registration.next().header("X-Correlation-Id")).isEqualTo("lb-4711.a");

        String generated = client.get().uri("/api/events").header("X-Correlation-Id", "no spaces, please")
                .exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Correlation-Id");
        assertThat(UUID.fromString(generated)).isNotNull();
        assertThat(registration.next().header("X-Correlation-Id")).isEqualTo(generated);
    }

    @Test
    void aBackendsProblemReachesTheClientUnchanged() {
        client.post().uri("/api/events/telecom-night-2017/registrations")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("email")
                .jsonPath("$.errors[0].message").isEqualTo("not an e-mail");
    }

    @Test
    void proxiedAnswersCarryTheSecurityHeaders() {
        client.get().uri("/api/events").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer");
    }

    @Test
    void aBodyOverTheSizeLimitNeverReachesTheBackend() {
        client.post().uri("/api/checkins/sync")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new byte[6 * 1024 * 1024])
                .exchange()
                .expectStatus().isEqualTo(413);
        assertThat(checkin.receivedNothing()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "DELETE"})
    void anUnknownApiPathIsA404Problem(String method) {
        client.method(HttpMethod.valueOf(method)).uri("/api/nope")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.title").isEqualTo("Not Found")
                .jsonPath("$.instance").isEqualTo("/api/nope");
        backends.forEach((name, backend) -> assertThat(backend.receivedNothing()).as(name + " got nothing").isTrue());
    }

    @Test
    void serverSentEventsPassThroughUnbuffered() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/reports/events/x/stream"))
                .header("Accept", "text/event-stream").GET().build();
        CompletableFuture<HttpResponse<java.io.InputStream>> pending =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<java.io.InputStream> response = pending.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));

        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            // The backend is still holding the second event: the first must already be here.
            assertThat(CompletableFuture.supplyAsync(() -> nextEvent(reader)).get(10, TimeUnit.SECONDS))
                    .isEqualTo(List.of("data: {\"checkedIn\":1}"));
            assertThat(releaseSecondEvent.getCount()).isEqualTo(1);

            releaseSecondEvent.countDown();
            assertThat(CompletableFuture.supplyAsync(() -> nextEvent(reader)).get(10, TimeUnit.SECONDS))
                    .isEqualTo(List.of("data: {\"checkedIn\":2}"));
        }
    }

    /** The lines of the next event (up to the blank line that ends it). */
    private static List<String> nextEvent(BufferedReader reader) {
        try {
            List<String> lines = new java.util.ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty()) {
                    if (!lines.isEmpty()) {
                        return lines;
                    }
                    continue;
                }
                lines.add(line);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
