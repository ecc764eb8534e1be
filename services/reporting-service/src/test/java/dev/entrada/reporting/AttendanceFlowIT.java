package dev.entrada.reporting;

import dev.entrada.contracts.DomainEvent;
import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.EventTypes;
import dev.entrada.contracts.Topics;
import dev.entrada.contracts.catalog.EventPublished;
import dev.entrada.contracts.catalog.EventPublished.Checkpoint;
import dev.entrada.contracts.catalog.EventPublished.CheckpointKind;
import dev.entrada.contracts.catalog.EventPublished.TicketType;
import dev.entrada.contracts.checkin.AttendeeCheckedIn;
import dev.entrada.contracts.checkin.AttendeeCheckedOut;
import dev.entrada.contracts.checkin.CheckInConflict;
import dev.entrada.contracts.checkin.CheckInRejected;
import dev.entrada.contracts.registration.RegistrationCancelled;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.registration.RegistrationCorrected;
import dev.entrada.contracts.registration.RegistrationWaitlisted;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.local.KafkaBroker;
import dev.entrada.reporting.attendance.AttendanceReport;
import dev.entrada.reporting.attendance.AttendanceReport.Arrival;
import dev.entrada.reporting.attendance.AttendanceReport.CheckpointLine;
import dev.entrada.reporting.attendance.AttendanceReport.CountryLine;
import dev.entrada.reporting.attendance.AttendanceReport.KindLine;
import dev.entrada.reporting.attendance.AttendanceReport.OrganizationLine;
import dev.entrada.reporting.attendance.AttendanceReport.SessionLine;
import dev.entrada.reporting.attendance.AttendanceReport.TicketTypeLine;
import dev.entrada.reporting.attendance.AttendanceRows.ConflictRow;
import dev.entrada.reporting.attendance.AttendanceRows.DeviceRow;
import dev.entrada.reporting.attendance.AttendanceRows.LatestCheckInRow;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The whole service against a real Kafka broker and an H2 file database: events published with
 * their headers, as the other services publish them, become the organiser's attendance numbers.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttendanceFlowIT implements TestPropertyProvider {
    private static final String EVENT = "b2b-industrial-2017";
    private static final Instant DOORS = Instant.parse("2017-11-23T08:00:00Z");

    private KafkaBroker broker;
    private KafkaProducer<String, String> producer;

    @Inject
    ApplicationContext context;
    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    ObjectMapper mapper;
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        broker = KafkaBroker.startForTests();
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        try {
            Path dir = Files.createTempDirectory("reporting-it-");
            return Map.of(
                    "micronaut.server.port", "-1",
                    "kafka.bootstrap.servers", broker.bootstrapServers(),
                    "reporting.consumer-group", "reporting-it-" + UUID.randomUUID(),
                    "datasources.default.url", "jdbc:h2:file:" + dir.resolve("db")
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    void stopClientsThenBroker() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        context.close();
        broker.close();
    }

    @Test
    void publishedEventsBecomeTheOrganisersAttendanceNumbers() throws Exception {
        publish(new EventPublished(EVENT, 1, "III Encuentro B2B Industrial", Map.of(), "Recinto Ferial", "Tomelloso",
                DOORS, DOORS.plusSeconds(36000), 310, true, null, null,
                List.of(new TicketType("COMPANY", "Empresa", null), new TicketType("RESEARCH", "Investigación", 30),
                        new TicketType("DELEGATION", "Delegación", 40)),
                List.of(),
                List.of(new Checkpoint("entrance", "Entrada", CheckpointKind.DOOR, null),
                        new Checkpoint("session-room", "Sala", CheckpointKind.SESSION, "clusterfy"),
                        new Checkpoint("b2b-area", "Zona B2B", CheckpointKind.DOOR, null)),
                DOORS.minusSeconds(86400)));
        publish(confirmed("r1", "COMPANY", "ES"));
        publish(confirmed("r2", "COMPANY", "ES"));
        publish(confirmed("r3", "DELEGATION", "MX"));
        publish(new RegistrationWaitlisted("r4", EVENT, "COMPANY", "Ana Ruiz", "ana@example.com", "Acme", "ES", "es", 1, at(1)));
        publish(new RegistrationCancelled("r2", EVENT, "attendee", at(2)));
        publish(ticket("t1", "r1", "COMPANY"));

        String entryId = UUID.randomUUID().toString();
        AttendeeCheckedIn entry = checkedIn("t1", "COMPANY", "entrance", at(61));
        publish(entry, entryId);
        publish(entry, entryId);
        publish(checkedIn("t1", "COMPANY", "session-room", at(100)));
        publish(new AttendeeCheckedOut("t1", EVENT, "entrance", "door-1", at(180), at(180)));
        String rejectionId = UUID.randomUUID().toString();
        CheckInRejected rejection = new CheckInRejected("t9", EVENT, "entrance", "door-1", "REVOKED", null, at(70), at(70));
        publish(rejection, rejectionId);
        publish(rejection, rejectionId);

        // t3 is scanned (by a door that could not name its type) before its TicketIssued arrives.
        publish(checkedIn("t3", null, "entrance", at(80)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(report().byTicketType()).contains(new TicketTypeLine(null, 0, 1)));
        publish(ticket("t3", "r3", "DELEGATION"));

        AttendanceReport expected = new AttendanceReport(EVENT, "III Encuentro B2B Industrial", 310,
                2, 1, 1, 2, 1,
                List.of(new TicketTypeLine("COMPANY", 1, 1), new TicketTypeLine("RESEARCH", 0, 0),
                        new TicketTypeLine("DELEGATION", 1, 1)),
                List.of(new CheckpointLine("entrance", 2), new CheckpointLine("session-room", 1),
                        new CheckpointLine("b2b-area", 0)),
                List.of(new CountryLine("ES", 1, 1), new CountryLine("MX", 1, 1)),
                List.of(new Arrival(Instant.parse("2017-11-23T09:00:00Z"), 1), new Arrival(Instant.parse("2017-11-23T09:15:00Z"), 1)),
                new AttendanceReport.Rejected(1, Map.of("REVOKED", 1L)),
                0,
                null,
                List.of(new KindLine("COMPANY", 2, 2)),
                List.of(new SessionLine("clusterfy", null, null, null, 0, 1)),
                List.of(new Arrival(at(61), 1), new Arrival(at(80), 1)),
                2,
                List.of(new OrganizationLine("Empresa r1", 1, 1), new OrganizationLine("Empresa r3", 1, 1)),
                List.of(new LatestCheckInRow(at(100), "session-room", "door-1", "SCAN", "COMPANY", "Empresa r1", "ES"),
                        new LatestCheckInRow(at(80), "entrance", "door-1", "SCAN", "DELEGATION", "Empresa r3", "MX"),
                        new LatestCheckInRow(at(61), "entrance", "door-1", "SCAN", "COMPANY", "Empresa r1", "ES")),
                List.of(new DeviceRow("door-1", "entrance", at(180), 5)),
                List.of(),
                null);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(report()).usingRecursiveComparison().ignoringFields("updatedAt", "generatedAt").isEqualTo(expected));

        JsonNode json = mapper.readValue(http.toBlocking().retrieve(attendance(EVENT)), JsonNode.class);
        assertThat(json.entries()).extracting(Map.Entry::getKey).contains("eventId", "registered", "waitlisted", "cancelled",
                "checkedIn", "inside", "byTicketType", "byCheckpoint", "byCountry", "arrivals", "rejected", "conflicts", "updatedAt",
                "byOrganizationKind", "bySession", "arrivalsPerMinute", "organizationsPresent", "byOrganization",
                "latestCheckIns", "devices", "latestConflicts", "generatedAt");
        assertThat(json.get("arrivals").get(0).get("at").getStringValue()).isEqualTo("2017-11-23T09:00:00Z");
    }

    @Test
    void aRecordThatCannotBeReadGoesToTheDeadLetterTopicAndTheNextOneIsStillProcessed() {
        String poisonId = UUID.randomUUID().toString();
        send(Topics.CHECKIN_EVENTS, "t-poison", "AttendeeCheckedIn", poisonId, "not json");
        publish(new CheckInConflict("t-conflict", "dlt-event", "b2b-area", "door-2", at(300), "entrance", "door-1", at(290), at(400)));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(report("dlt-event").conflicts()).isEqualTo(1));
        assertThat(report("dlt-event").latestConflicts()).containsExactly(
                new ConflictRow("t-conflict", "b2b-area", "door-2", at(300), "entrance", "door-1", at(290)));
        try (KafkaConsumer<String, String> dlt = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            dlt.subscribe(List.of(Topics.deadLetter(Topics.CHECKIN_EVENTS)));
            List<ConsumerRecord<String, String>> parked = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                dlt.poll(Duration.ofMillis(200)).forEach(parked::add);
                return !parked.isEmpty();
            });
            ConsumerRecord<String, String> record = parked.get(0);
            assertThat(record.value()).isEqualTo("not json");
            assertThat(record.key()).isEqualTo("t-poison");
            assertThat(header(record, EventHeaders.EVENT_ID)).isEqualTo(poisonId);
            assertThat(header(record, EventHeaders.DLT_ERROR)).contains("not a readable AttendeeCheckedIn");
        }
    }

    @Test
    void theLiveStreamSendsTheStateAtOnceThenEveryChangeCoalesced() throws Exception {
        String event = "sse-event";
        publish(new RegistrationConfirmed("sse-r0", event, "COMPANY", "Nombre", "n@example.com", "Indra", "COMPANY", null, "ES",
                "es", List.of(), null, at(0)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(report(event).registered()).isEqualTo(1));

        try (SseReader sse = SseReader.open(streamUrl(event), mapper, TestCallers.organizer())) {
            assertThat(sse.contentType()).startsWith("text/event-stream");
            AttendanceReport first = sse.next(Duration.ofSeconds(5));
            assertThat(first.registered()).as("the current state, at once").isEqualTo(1);
            assertThat(first.checkedIn()).isZero();

            publish(new AttendeeCheckedIn("sse-t0", event, "COMPANY", "entrance", "door-9", "SCAN", null, at(60), at(60)));
            await().atMost(Duration.ofSeconds(30)).until(() -> sse.latest() != null && sse.latest().checkedIn() == 1);

            int before = sse.received();
            long start = System.nanoTime();
            for (int i = 1; i <= 40; i++) {
                publish(new AttendeeCheckedIn("sse-t" + i, event, "COMPANY", "entrance", "door-9", "SCAN", null, at(60 + i), at(60 + i)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> sse.latest().checkedIn() == 41);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(sse.received() - before).as("40 changes coalesced to at most ~6 updates a second")
                    .isLessThanOrEqualTo((int) Math.ceil(seconds * 6) + 2);
        }

        try (SseReader again = SseReader.open(streamUrl(event), mapper, TestCallers.organizer())) {
            assertThat(again.next(Duration.ofSeconds(5)).checkedIn()).as("a reconnecting client gets the state at once").isEqualTo(41);
        }

        HttpClientResponseException unknown = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().retrieve(TestCallers.asOrganizer(HttpRequest.GET("/api/reports/events/no-such-event/stream"))));
        assertThat(unknown.getStatus().getCode()).isEqualTo(404);

        // The stream is the organisers' too: refused before any event is sent.
        HttpClientResponseException anonymous = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().retrieve(HttpRequest.GET("/api/reports/events/" + event + "/stream")));
        assertThat(anonymous.getStatus().getCode()).isEqualTo(401);
        assertThat(anonymous.getResponse().getHeaders().get("WWW-Authenticate")).isEqualTo("Bearer");
        HttpClientResponseException staff = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().retrieve(HttpRequest.GET("/api/reports/events/" + event + "/stream")
                        .header(TestCallers.HEADER, TestCallers.staff("*"))));
        assertThat(staff.getStatus().getCode()).isEqualTo(403);
    }

    @Test
    void exportsAreTheOrganisersListCheckInTimesAndNeutraliseFormulas() {
        String event = "export-event";
        publish(new RegistrationConfirmed("x1", event, "COMPANY", "=HYPERLINK(\"http://x\")", "x1@example.com", "Acme", "COMPANY",
                "CEO", "ES", "es", List.of("clusterfy"), null, at(0)));
        publish(new RegistrationConfirmed("x2", event, "COMPANY", "Luis \"Lucho\" Pérez", "x2@example.com", "Sur", "COMPANY",
                null, "PE", "es", List.of(), null, at(0)));
        publish(new RegistrationCorrected("x1", event, "=HYPERLINK(\"http://x\")", "Acme Corrected", "CEO", "ES", at(5)));
        publish(new TicketIssued("xt1", "x1", event, "COMPANY", "n", "o", "0001", null, null, at(3)));
        publish(new AttendeeCheckedIn("xt1", event, "COMPANY", "entrance", "door-1", "SCAN", null, at(61), at(61)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(report(event).checkedIn()).isEqualTo(1));

        String base = "/api/reports/events/" + event + "/exports/";
        // Anonymous, an old-style organiser bearer token (no longer means anything here), staff.
        Map<MutableHttpRequest<?>, Integer> refusals = Map.of(
                HttpRequest.GET(base + "attendees.csv"), 401,
                HttpRequest.GET(base + "attendees.csv").header("Authorization", "Bearer organiser-token"), 401,
                HttpRequest.GET(base + "attendees.csv").header(TestCallers.HEADER, TestCallers.staff("*")), 403);
        refusals.forEach((request, status) -> {
            HttpClientResponseException refused = catchThrowableOfType(HttpClientResponseException.class,
                    () -> http.toBlocking().exchange(request, String.class));
            assertThat(refused.getStatus().getCode()).isEqualTo(status);
            assertThat(refused.getResponse().getContentType()).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo("application/problem+json"));
        });

        HttpResponse<String> attendees = exportCsv(base + "attendees.csv");
        assertThat(attendees.getContentType()).hasValueSatisfying(t -> assertThat(t.toString()).startsWith("text/csv"));
        assertThat(attendees.getHeaders().get("Content-Disposition")).contains("export-event-attendees.csv");
        assertThat(attendees.body()).startsWith("\uFEFF\"registration_id\",\"full_name\"")
                .contains("\"x1\",\"'=HYPERLINK(\"\"http://x\"\")\",\"Acme Corrected\",\"COMPANY\",\"CEO\",\"ES\",\"COMPANY\","
                        + "\"2017-11-23T09:01:00Z\",\"entrance\",\"2017-11-23T09:01:00Z\"")
                .contains("\"x2\",\"Luis \"\"Lucho\"\" Pérez\",\"Sur\",\"COMPANY\",\"\",\"PE\",\"COMPANY\",\"\",\"\",\"\"");
        assertThat(exportCsv(base + "no-shows.csv").body()).contains("\"x2\"").doesNotContain("\"x1\"");
        assertThat(exportCsv(base + "sessions.csv").body()).contains("\"clusterfy\",\"\",\"\",\"\",\"1\",\"0\"");
        HttpResponse<byte[]> pdf = http.toBlocking().exchange(TestCallers.asOrganizer(HttpRequest.GET(base + "summary.pdf")), byte[].class);
        assertThat(pdf.getContentType()).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo("application/pdf"));
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    @Test
    void anOrganiserRebuildsTheProjectionsFromTheTopicsAndGetsTheLiveNumbersBack() {
        String event = "rebuild-event";
        publish(new RegistrationConfirmed("rb1", event, "COMPANY", "Nombre", "rb1@example.com", "Indra", "COMPANY", null, "ES",
                "es", List.of(), null, at(0)));
        publish(new TicketIssued("rbt1", "rb1", event, "COMPANY", "n", "o", "0001", null, null, at(3)));
        String redelivered = UUID.randomUUID().toString();
        AttendeeCheckedIn entry = new AttendeeCheckedIn("rbt1", event, "COMPANY", "entrance", "door-5", "SCAN", null, at(61), at(61));
        publish(entry, redelivered);
        publish(entry, redelivered);
        publish(new CheckInRejected(null, event, "entrance", "door-5", "MALFORMED", "00ff", at(62), at(62)));
        // every topic's consumer is done: the rejection (checkin-events) counted and the check-in joined to its
        // registration through the ticket (ticket-events), each topic having its own consumer
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            AttendanceReport report = report(event);
            assertThat(report.rejected().total()).isEqualTo(1);
            assertThat(report.byCountry()).containsExactly(new CountryLine("ES", 1, 1));
        });
        AttendanceReport live = report(event);
        assertThat(live.checkedIn()).isEqualTo(1);

        HttpClientResponseException refused = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/api/reports/rebuild", ""), String.class));
        assertThat(refused.getStatus().getCode()).isEqualTo(401);

        HttpResponse<String> started = http.toBlocking().exchange(TestCallers.asOrganizer(HttpRequest.POST("/api/reports/rebuild", "")), String.class);
        assertThat(started.getStatus().getCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode status = mapper.readValue(http.toBlocking().retrieve(TestCallers.asOrganizer(HttpRequest.GET("/api/reports/rebuild"))),
                    JsonNode.class);
            assertThat(status.get("state").getStringValue()).isEqualTo("DONE");
            assertThat(status.get("progress").getDoubleValue()).isEqualTo(1.0);
            assertThat(status.get("applied").getLongValue()).as("the duplicate applied once").isPositive();
        });
        assertThat(report(event)).usingRecursiveComparison().ignoringFields("updatedAt", "generatedAt").isEqualTo(live);
    }

    @Test
    void anUnknownEventIsA404ProblemAndABadIdNamesTheField() {
        HttpClientResponseException notFound = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().retrieve(attendance("no-such-event")));
        assertThat(notFound.getStatus().getCode()).isEqualTo(404);
        assertThat(notFound.getResponse().getContentType()).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo("application/problem+json"));
        assertThat(notFound.getResponse().getBody(String.class)).hasValueSatisfying(b -> assertThat(b).contains("\"status\":404"));

        HttpClientResponseException bad = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().retrieve(attendance("not%20an%20id!")));
        assertThat(bad.getStatus().getCode()).isEqualTo(400);
        assertThat(bad.getResponse().getBody(String.class)).hasValueSatisfying(b -> assertThat(b).contains("\"field\":\"eventId\""));
    }

    @Test
    void prometheusEndpointAnswersWithoutACallerWithRequestAndConsumerMetrics() {
        http.toBlocking().exchange(HttpRequest.GET("/health"), String.class);

        HttpResponse<String> response = http.toBlocking().exchange(HttpRequest.GET("/prometheus"), String.class);

        assertThat(response.getStatus().getCode()).isEqualTo(200);
        assertThat(response.getContentType()).hasValueSatisfying(type -> assertThat(type.toString()).startsWith("text/plain"));
        assertThat(response.body())
                .containsPattern("(?m)^http_server_requests_seconds_bucket\\{[^}]*application=\"reporting-service\"[^}]*uri=\"/health\"")
                .containsPattern("(?m)^kafka_consumer_(fetch_manager_)?records_lag_max\\S*\\{[^}]*application=\"reporting-service\"");
    }

    @Test
    void healthIsUp() {
        HttpResponse<String> health = http.toBlocking().exchange(HttpRequest.GET("/health"), String.class);
        assertThat(health.getStatus().getCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
    }

    private HttpResponse<String> exportCsv(String path) {
        return http.toBlocking().exchange(TestCallers.asOrganizer(HttpRequest.GET(path)), String.class);
    }

    private URI streamUrl(String eventId) {
        return URI.create("http://localhost:" + server.getPort() + "/api/reports/events/" + eventId + "/stream");
    }

    private AttendanceReport report() {
        return report(EVENT);
    }

    private AttendanceReport report(String eventId) {
        try {
            return http.toBlocking().retrieve(attendance(eventId), AttendanceReport.class);
        } catch (HttpClientResponseException e) {
            throw new AssertionError("no report yet: " + e.getStatus(), e);
        }
    }

    private static HttpRequest<?> attendance(String eventId) {
        return TestCallers.asOrganizer(HttpRequest.GET("/api/reports/events/" + eventId + "/attendance"));
    }

    private void publish(DomainEvent event) {
        publish(event, UUID.randomUUID().toString());
    }

    private void publish(DomainEvent event, String eventId) {
        EventTypes.EventType type = EventTypes.of(event);
        try {
            send(type.topic(), event.partitionKey(), type.name(), eventId, mapper.writeValueAsString(event));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void send(String topic, String key, String type, String eventId, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add(EventHeaders.EVENT_TYPE, type.getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_ID, eventId.getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Instant at(int minutesAfterDoorsOpen) {
        return DOORS.plusSeconds(60L * minutesAfterDoorsOpen);
    }

    private static RegistrationConfirmed confirmed(String id, String type, String country) {
        return new RegistrationConfirmed(id, EVENT, type, "Nombre " + id, id + "@example.com", "Empresa " + id, "COMPANY",
                null, country, "es", List.of(), "0".repeat(64), at(0));
    }

    private static TicketIssued ticket(String ticketId, String registrationId, String type) {
        return new TicketIssued(ticketId, registrationId, EVENT, type, "Nombre " + registrationId, "Empresa", "0001", null, null, at(3));
    }

    private static AttendeeCheckedIn checkedIn(String ticketId, String type, String checkpoint, Instant at) {
        return new AttendeeCheckedIn(ticketId, EVENT, type, checkpoint, "door-1", "SCAN", null, at, at);
    }
}
