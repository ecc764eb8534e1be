package dev.entrada.reporting;

import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.EventTypes;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.identity.Access;
import dev.entrada.identity.Access.Audience;
import dev.entrada.identity.Caller;
import dev.entrada.identity.Role;
import dev.entrada.identity.ServiceTokens;
import dev.entrada.micronaut.AccessFilter;
import dev.entrada.local.KafkaBroker;
import io.micronaut.context.ApplicationContext;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may call what (issue 8): every route of the service, taken from Micronaut's {@link Router}, is
 * the organisers' — the live stream included — and bad service tokens are 401.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessIT implements TestPropertyProvider {
    private static final String EVENT = "access-event";

    private KafkaBroker broker;
    private KafkaProducer<String, String> producer;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    ApplicationContext context;
    @Inject
    EmbeddedServer server;
    @Inject
    Router router;
    @Inject
    ObjectMapper mapper;

    @Override
    public Map<String, String> getProperties() {
        broker = KafkaBroker.startForTests();
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        try {
            Path dir = Files.createTempDirectory("reporting-access-it-");
            return Map.of(
                    "micronaut.server.port", "-1",
                    "kafka.bootstrap.servers", broker.bootstrapServers(),
                    "reporting.consumer-group", "reporting-access-it-" + UUID.randomUUID(),
                    "datasources.default.url", "jdbc:h2:file:" + dir.resolve("db")
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeAll
    void anEventWithOneRegistration() throws Exception {
        RegistrationConfirmed confirmed = new RegistrationConfirmed("acc-r1", EVENT, "COMPANY", "Nombre", "n@example.com", "Indra",
                "COMPANY", null, "ES", "es", List.of(), null, Instant.parse("2017-11-23T08:00:00Z"));
        EventTypes.EventType type = EventTypes.of(confirmed);
        ProducerRecord<String, String> record = new ProducerRecord<>(type.topic(), confirmed.partitionKey(), mapper.writeValueAsString(confirmed));
        record.headers().add(EventHeaders.EVENT_TYPE, type.name().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
        await().atMost(Duration.ofSeconds(60)).until(() -> status("GET", "/api/reports/events/" + EVENT + "/attendance",
                TestCallers.organizer()) == 200);
    }

    @AfterAll
    void stop() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        context.close();
        broker.close();
    }

    /** A path with real ids for every route (HEAD routes reuse their GET's). */
    private static final Map<String, String> PATHS = Map.of(
            "/api/reports/events/{eventId}/attendance", "/api/reports/events/" + EVENT + "/attendance",
            "/api/reports/events/{eventId}/stream", "/api/reports/events/" + EVENT + "/stream",
            "/api/reports/events/{eventId}/exports/attendees.csv", "/api/reports/events/" + EVENT + "/exports/attendees.csv",
            "/api/reports/events/{eventId}/exports/no-shows.csv", "/api/reports/events/" + EVENT + "/exports/no-shows.csv",
            "/api/reports/events/{eventId}/exports/sessions.csv", "/api/reports/events/" + EVENT + "/exports/sessions.csv",
            "/api/reports/events/{eventId}/exports/summary.pdf", "/api/reports/events/" + EVENT + "/exports/summary.pdf",
            "/api/reports/rebuild", "/api/reports/rebuild");

    @Test
    void everyRouteIsTheOrganisersAndEnforcedForEveryKindOfCaller() {
        Map<String, Audience> declared = new TreeMap<>();
        List<UriRouteInfo<?, ?>> routes = router.uriRoutes().toList();
        for (UriRouteInfo<?, ?> route : routes) {
            if (route.getAnnotationMetadata().hasStereotype(Endpoint.class)) {
                continue; // /health, /prometheus: endpoints.*.sensitive = false
            }
            String template = route.getUriMatchTemplate().toPathString();
            String key = route.getHttpMethodName() + " " + template;
            Access access = AccessFilter.accessOf(route.getAnnotationMetadata());
            assertThat(access).as("@Access on %s", key).isNotNull();
            // Compile-time metadata and reflection agree, for method- and class-level declarations alike.
            Method method = route.getTargetMethod().getTargetMethod();
            Access reflected = method.isAnnotationPresent(Access.class) ? method.getAnnotation(Access.class)
                    : method.getDeclaringClass().getAnnotation(Access.class);
            assertThat(access.value()).as("metadata vs reflection on %s", key).isEqualTo(reflected.value());
            assertThat(PATHS).as("a path for %s (add new routes here)", key).containsKey(template);
            declared.put(key, access.value());
        }
        assertThat(declared).containsKeys("GET /api/reports/events/{eventId}/stream", "POST /api/reports/rebuild",
                "GET /api/reports/events/{eventId}/exports/attendees.csv");
        assertThat(declared).as("the policy: everything is the organisers'").allSatisfy((route, audience) ->
                assertThat(audience).isEqualTo(Audience.ORGANIZER));

        Map<String, String> callers = Map.of(
                "anonymous", "",
                "staff of every event", TestCallers.staff(Caller.ALL_EVENTS),
                "organizer", TestCallers.organizer(),
                "admin", TestCallers.admin());
        List<String> wrong = new ArrayList<>();
        declared.forEach((route, audience) -> callers.forEach((who, token) -> {
            String method = route.substring(0, route.indexOf(' '));
            int status = status(method, PATHS.get(route.substring(route.indexOf(' ') + 1)), token);
            boolean mayPass = who.equals("organizer") || who.equals("admin");
            int expectedDenial = who.equals("anonymous") ? 401 : 403;
            if (mayPass ? (status == 401 || status == 403) : status != expectedDenial) {
                wrong.add(route + " as " + who + ": " + status);
            }
        }));
        assertThat(wrong).isEmpty();
    }

    @Test
    void aForgedAnAlteredAnExpiredOrAGarbageTokenIs401() {
        Caller organizer = TestCallers.organizerCaller();
        String forged = new ServiceTokens("another-secret-that-is-long-enough-0123456789").mint(organizer, Instant.now());
        String staff = TestCallers.staff(Caller.ALL_EVENTS);
        String[] parts = staff.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("role=STAFF", "role=ORGANIZER");
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        String expired = new ServiceTokens(TestCallers.SECRET).mint(organizer, Instant.now().minus(Duration.ofMinutes(2)));
        String path = "/api/reports/events/" + EVENT + "/attendance";

        for (String token : List.of(forged, altered, expired, "garbage")) {
            HttpResponse<String> response = send("GET", path, token);
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(response.body()).contains("\"status\":401");
        }
        assertThat(send("GET", path, TestCallers.mint(new Caller("org", Role.ORGANIZER, Set.of(), "s"))).statusCode()).isEqualTo(200);
    }

    @Test
    void healthAndMetricsStayOpen() {
        assertThat(status("GET", "/health", "")).isEqualTo(200);
        assertThat(status("GET", "/prometheus", "")).isEqualTo(200);
    }

    /** The status line only: the stream's body never ends, so it is closed unread. */
    private int status(String method, String path, String token) {
        try {
            HttpResponse<InputStream> response = client.send(request(method, path, token), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(String method, String path, String token) {
        try {
            return client.send(request(method, path, token), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest request(String method, String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (!token.isEmpty()) {
            builder.header(ServiceTokens.HEADER, token);
        }
        return builder.build();
    }
}
