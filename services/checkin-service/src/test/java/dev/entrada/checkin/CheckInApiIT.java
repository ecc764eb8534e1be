package dev.entrada.checkin;

import dev.entrada.checkin.catalog.CatalogRepository;
import dev.entrada.checkin.key.SigningKeyRepository;
import dev.entrada.checkin.ticket.ReplicaTicket;
import dev.entrada.checkin.ticket.TicketRepository;
import dev.entrada.contracts.ContractFiles;
import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.Topics;
import dev.entrada.contracts.code.Ed25519Keys;
import dev.entrada.contracts.code.TicketCode;
import dev.entrada.contracts.signing.SigningKeyPublished;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.contracts.ticket.TicketRevoked;
import dev.entrada.local.KafkaBroker;
import dev.entrada.outbox.OutboxRelay;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The whole service on H2 against a real Kafka broker: the replica is fed through the topics the
 * other services write, scans go through HTTP, and the verdicts come out on {@code checkin-events}.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckInApiIT implements TestPropertyProvider {
    private static final String B2B = "b2b-industrial-2017";
    private static final String KEY_ID = "7E57";
    private static final KeyPair KEYS = Ed25519Keys.generate();

    private KafkaBroker broker;
    private KafkaTestClient kafka;

    @Inject
    ApplicationContext context;
    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    JsonMapper json;
    @Inject
    SigningKeyRepository signingKeys;
    @Inject
    CatalogRepository catalog;
    @Inject
    TicketRepository tickets;
    @Inject
    OutboxRelay relay;

    @Override
    public Map<String, String> getProperties() {
        broker = KafkaBroker.startForTests();
        kafka = new KafkaTestClient(broker.bootstrapServers());
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("checkin-it-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "micronaut.server.port", "-1",
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "checkin.kafka.group-id", "checkin-service-it-" + UUID.randomUUID(),
                "datasources.default.url", "jdbc:h2:file:" + dataDir.resolve("db")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }

    @BeforeAll
    void publishKeyAndCatalogue() throws IOException {
        kafka.publish(Topics.SIGNING_KEYS, KEY_ID, "SigningKeyPublished", json.writeValueAsString(
                new SigningKeyPublished(KEY_ID, "Ed25519", Ed25519Keys.publicKeyText(KEYS.getPublic()), Instant.now())));
        kafka.publish(Topics.EVENT_CATALOG, B2B, "EventPublished", ContractFiles.sample("EventPublished"));
        await().atMost(Duration.ofSeconds(60)).until(() ->
                signingKeys.findById(KEY_ID).isPresent() && !catalog.findCheckpoints("entrance").isEmpty());
    }

    @AfterAll
    void stop() {
        // Clients before the broker, or their close waits for it.
        context.close();
        kafka.close();
        broker.close();
    }

    @Test
    void firstScanAdmitsThenRepeatsAreAlreadyCheckedInAndARetryIsAnsweredFromTheRecord() throws IOException {
        UUID ticketId = issue(B2B, "COMPANY", "Lucía Fernández Ortega", "Metalúrgica La Mancha S.L.");
        String code = code(ticketId, B2B, "COMPANY");

        Map<String, Object> first = scan(code, "entrance", "door-1-phone", "n-1");

        assertThat(first).containsEntry("verdict", "ADMITTED").containsEntry("ticketId", ticketId.toString())
                .doesNotContainKeys("reason", "firstCheckIn");
        assertThat(first.get("attendee")).isEqualTo(Map.of(
                "name", "Lucía Fernández Ortega", "organization", "Metalúrgica La Mancha S.L.", "ticketType", "COMPANY"));

        Map<String, Object> again = scan(code, "b2b-area", "door-2-phone", "n-2");
        assertThat(again).containsEntry("verdict", "ALREADY_CHECKED_IN");
        @SuppressWarnings("unchecked")
        Map<String, Object> firstCheckIn = (Map<String, Object>) again.get("firstCheckIn");
        assertThat(firstCheckIn).containsEntry("checkpointId", "entrance").containsEntry("deviceId", "door-1-phone");

        Map<String, Object> retried = scan(code, "entrance", "door-1-phone", "n-1");
        assertThat(retried).isEqualTo(first);

        await().atMost(Duration.ofSeconds(30)).until(() -> relay.pendingCount() == 0);
        List<Map<String, Object>> checkedIn = events("AttendeeCheckedIn", ticketId);
        assertThat(checkedIn).singleElement().satisfies(event -> {
            assertThat(event).containsEntry("eventId", B2B).containsEntry("checkpointId", "entrance")
                    .containsEntry("deviceId", "door-1-phone").containsEntry("ticketType", "COMPANY").containsEntry("method", "SCAN");
            assertThat(Instant.parse((String) event.get("scannedAt"))).isEqualTo(Instant.parse((String) firstCheckIn.get("at")));
        });
    }

    @Test
    void prometheusEndpointAnswersWithoutACallerAndCountsVerdictsByKind() {
        scan(code(UUID.randomUUID(), B2B, "COMPANY"), "entrance", "metrics-phone", UUID.randomUUID().toString());
        scan("NOT A TICKET", "entrance", "metrics-phone", UUID.randomUUID().toString());

        HttpResponse<String> response = http.toBlocking().exchange(HttpRequest.GET("/prometheus"), String.class);

        assertThat(response.getStatus().getCode()).isEqualTo(200);
        assertThat(response.getContentType()).hasValueSatisfying(type -> assertThat(type.toString()).startsWith("text/plain"));
        String metrics = response.body();
        assertThat(metrics)
                .containsPattern("(?m)^entrada_checkin_verdicts_total\\{[^}]*verdict=\"ADMITTED\"[^}]*\\} [1-9]")
                .containsPattern("(?m)^entrada_checkin_verdicts_total\\{[^}]*reason=\"MALFORMED\"[^}]*verdict=\"REJECTED\"[^}]*\\} [1-9]")
                .containsPattern("(?m)^entrada_outbox_backlog\\{[^}]*application=\"checkin-service\"[^}]*\\} \\d")
                .containsPattern("(?m)^http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/checkins\"")
                .containsPattern("(?m)^kafka_consumer_(fetch_manager_)?records_lag_max\\S*\\{");
    }

    @Test
    void aValidTicketNotYetInTheReplicaIsAdmittedWithoutAName() {
        UUID ticketId = UUID.randomUUID();

        Map<String, Object> result = scan(code(ticketId, B2B, "RESEARCH"), "entrance", "door-1-phone", UUID.randomUUID().toString());

        assertThat(result).containsEntry("verdict", "ADMITTED").containsEntry("ticketId", ticketId.toString()).doesNotContainKey("attendee");
    }

    @Test
    void oneChangedCharacterIsRejected() {
        String code = code(UUID.randomUUID(), B2B, "COMPANY");
        int position = 80;
        String flipped = code.substring(0, position) + (code.charAt(position) == 'A' ? 'B' : 'A') + code.substring(position + 1);

        Map<String, Object> result = scan(flipped, "entrance", "door-1-phone", UUID.randomUUID().toString());

        assertThat(result).containsEntry("verdict", "REJECTED").doesNotContainKey("ticketId");
        assertThat((String) result.get("reason")).isIn("INVALID_SIGNATURE", "MALFORMED");
    }

    @Test
    void garbageIsAnOrdinaryRejectedAnswerAndAnEvent() throws IOException {
        String nonce = UUID.randomUUID().toString();

        Map<String, Object> result = scan("HELLO WORLD, NOT A TICKET", "entrance", "garbage-phone", nonce);

        assertThat(result).isEqualTo(Map.of("verdict", "REJECTED", "reason", "MALFORMED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.pendingCount() == 0);
        assertThat(kafka.readAll(Topics.CHECKIN_EVENTS))
                .filteredOn(r -> "CheckInRejected".equals(KafkaTestClient.header(r, EventHeaders.EVENT_TYPE)))
                .filteredOn(r -> "garbage-phone".equals(r.key()))
                .singleElement()
                .satisfies(r -> assertThat(json.readValue(r.value(), Map.class))
                        .containsEntry("reason", "MALFORMED").containsEntry("deviceId", "garbage-phone")
                        .containsEntry("checkpointId", "entrance").containsEntry("eventId", B2B));
    }

    @Test
    void aTelecomNightTicketAtTheB2bEntranceIsWrongEvent() {
        UUID ticketId = UUID.randomUUID();

        Map<String, Object> result = scan(code(ticketId, "telecom-night-2017", "GALA"), "entrance", "door-1-phone", UUID.randomUUID().toString());

        assertThat(result).containsEntry("verdict", "REJECTED").containsEntry("reason", "WRONG_EVENT")
                .containsEntry("ticketId", ticketId.toString());
    }

    @Test
    void aRevokedTicketIsRejectedWithTheHoldersName() throws IOException {
        UUID ticketId = issue(B2B, "DELEGATION", "Mariana Robles", "Clúster TIC de Jalisco");
        kafka.publish(Topics.TICKET_EVENTS, ticketId.toString(), "TicketRevoked", json.writeValueAsString(
                new TicketRevoked(ticketId.toString(), B2B, "REGISTRATION_CANCELLED", Instant.now())));
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.findById(ticketId.toString())
                .map(t -> t.status() == ReplicaTicket.TicketStatus.REVOKED).orElse(false));

        Map<String, Object> result = scan(code(ticketId, B2B, "DELEGATION"), "entrance", "door-1-phone", UUID.randomUUID().toString());

        assertThat(result).containsEntry("verdict", "REJECTED").containsEntry("reason", "REVOKED")
                .containsEntry("attendee", Map.of("name", "Mariana Robles", "organization", "Clúster TIC de Jalisco", "ticketType", "DELEGATION"));
    }

    @Test
    void tenSimultaneousScansOfOneTicketAdmitExactlyOnce() throws Exception {
        String code = code(UUID.randomUUID(), B2B, "COMPANY");
        int scanners = 10;
        ExecutorService pool = Executors.newFixedThreadPool(scanners);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Map<String, Object>>> answers = new ArrayList<>();
            for (int i = 0; i < scanners; i++) {
                String device = "door-" + i;
                String checkpoint = i % 2 == 0 ? "entrance" : "b2b-area";
                Callable<Map<String, Object>> call = () -> {
                    start.await();
                    return scan(code, checkpoint, device, UUID.randomUUID().toString());
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            List<Object> verdicts = new ArrayList<>();
            for (Future<Map<String, Object>> answer : answers) {
                verdicts.add(answer.get(60, TimeUnit.SECONDS).get("verdict"));
            }
            assertThat(verdicts).containsOnly("ADMITTED", "ALREADY_CHECKED_IN").filteredOn("ADMITTED"::equals).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMissingCheckpointIsABadRequestNamingIt() {
        Map<String, String> body = Map.of("code", "X", "deviceId", "door-1-phone", "nonce", UUID.randomUUID().toString());

        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(TestCallers.POST("/api/checkins", body), Argument.of(Map.class), Argument.of(Map.class)));

        assertThat(error.getStatus().getCode()).isEqualTo(400);
        assertThat(error.getResponse().getContentType().map(Object::toString)).contains("application/problem+json");
        Map<String, Object> problem = problem(error);
        assertThat(problem).containsEntry("status", 400);
        assertThat(fieldsOf(problem)).containsExactly("checkpointId");
    }

    @Test
    void anUnknownCheckpointIsUnprocessableNamingIt() {
        Map<String, String> body = Map.of("code", "X", "checkpointId", "back-door", "deviceId", "door-1-phone",
                "nonce", UUID.randomUUID().toString());

        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(TestCallers.POST("/api/checkins", body), Argument.of(Map.class), Argument.of(Map.class)));

        assertThat(error.getStatus().getCode()).isEqualTo(422);
        assertThat(error.getResponse().getContentType().map(Object::toString)).contains("application/problem+json");
        assertThat(fieldsOf(problem(error))).containsExactly("checkpointId");
    }

    @Test
    void anOversizedCodeIsABadRequestNamingIt() {
        Map<String, String> body = Map.of("code", "A".repeat(513), "checkpointId", "entrance", "deviceId", "door-1-phone",
                "nonce", UUID.randomUUID().toString());

        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(TestCallers.POST("/api/checkins", body), Argument.of(Map.class), Argument.of(Map.class)));

        assertThat(error.getStatus().getCode()).isEqualTo(400);
        assertThat(fieldsOf(problem(error))).containsExactly("code");
    }

    @Test
    void unreadableJsonIsABadRequestProblem() {
        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(TestCallers.POST("/api/checkins", "{\"code\": ").contentType("application/json"),
                        Argument.of(Map.class), Argument.of(Map.class)));

        assertThat(error.getStatus().getCode()).isEqualTo(400);
        assertThat(error.getResponse().getContentType().map(Object::toString)).contains("application/problem+json");
        assertThat(problem(error)).containsEntry("status", 400);
    }

    @Test
    void anOversizedBodyIsRefused() {
        String body = "{\"code\": \"" + "A".repeat(300_000) + "\"}";

        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(TestCallers.POST("/api/checkins", body).contentType("application/json"),
                        Argument.of(Map.class), Argument.of(Map.class)));

        assertThat(error.getStatus().getCode()).isEqualTo(413);
    }

    @Test
    void aPoisonRecordIsParkedAndTheNextRecordStillApplies() {
        String poisonId = kafka.publish(Topics.TICKET_EVENTS, "poison", "TicketIssued", "{not json");
        UUID ticketId = issue(B2B, "COMPANY", "Andrés Molina", "Vinos de Tomelloso S.A.");

        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.findById(ticketId.toString()).isPresent());
        List<ConsumerRecord<String, String>> parked = kafka.readAll(Topics.deadLetter(Topics.TICKET_EVENTS));
        assertThat(parked).filteredOn(r -> poisonId.equals(KafkaTestClient.header(r, EventHeaders.EVENT_ID)))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.value()).isEqualTo("{not json");
                    assertThat(KafkaTestClient.header(r, EventHeaders.DLT_ERROR)).contains("TicketIssued");
                });
    }

    @Test
    void theHealthEndpointIsUp() {
        String health = http.toBlocking().retrieve(HttpRequest.GET("/health"));

        assertThat(health).contains("\"status\":\"UP\"");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> problem(HttpClientResponseException error) {
        return (Map<String, Object>) error.getResponse().getBody(Map.class).orElseThrow();
    }

    private static List<Object> fieldsOf(Map<String, Object> problem) {
        return ((List<?>) problem.get("errors")).stream().map(e -> ((Map<?, ?>) e).get("field")).map(Object.class::cast).toList();
    }

    private UUID issue(String eventId, String ticketType, String holder, String organization) {
        UUID ticketId = UUID.randomUUID();
        try {
            kafka.publish(Topics.TICKET_EVENTS, ticketId.toString(), "TicketIssued", json.writeValueAsString(new TicketIssued(
                    ticketId.toString(), UUID.randomUUID().toString(), eventId, ticketType, holder, organization, KEY_ID,
                    null, null, Instant.now())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.findById(ticketId.toString()).isPresent());
        return ticketId;
    }

    private static String code(UUID ticketId, String eventId, String ticketType) {
        return TicketCode.sign(ticketId, eventId, ticketType, KEY_ID, null, null, KEYS.getPrivate());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> scan(String code, String checkpointId, String deviceId, String nonce) {
        Map<String, String> body = new HashMap<>(Map.of("code", code, "checkpointId", checkpointId, "deviceId", deviceId, "nonce", nonce));
        HttpResponse<Map> response = http.toBlocking().exchange(TestCallers.POST("/api/checkins", body), Map.class);
        assertThat(response.getStatus().getCode()).isEqualTo(200);
        return (Map<String, Object>) response.body();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> events(String type, UUID ticketId) throws IOException {
        List<Map<String, Object>> events = new ArrayList<>();
        for (ConsumerRecord<String, String> record : kafka.readAll(Topics.CHECKIN_EVENTS)) {
            if (type.equals(KafkaTestClient.header(record, EventHeaders.EVENT_TYPE)) && ticketId.toString().equals(record.key())) {
                events.add(json.readValue(record.value(), Map.class));
            }
        }
        return events;
    }
}
