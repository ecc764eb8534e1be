package dev.entrada.reporting;

import dev.entrada.testing.PersonalDataSearch;
import dev.entrada.contracts.DomainEvent;
import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.EventTypes;
import dev.entrada.contracts.catalog.EventPublished;
import dev.entrada.contracts.catalog.EventPublished.Checkpoint;
import dev.entrada.contracts.catalog.EventPublished.CheckpointKind;
import dev.entrada.contracts.catalog.EventPublished.TicketType;
import dev.entrada.contracts.checkin.AttendeeCheckedIn;
import dev.entrada.contracts.registration.AttendeeErased;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.registration.RegistrationCorrected;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.local.KafkaBroker;
import dev.entrada.reporting.attendance.AttendanceReport;
import dev.entrada.reporting.attendance.AttendanceReport.CountryLine;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code AttendeeErased} through a real broker (issue 8): the projections keep the counts and lose
 * the person — no text column of any table (found in INFORMATION_SCHEMA) holds their name,
 * organisation, job title or e-mail, nor does the organisers' export — and a redelivered erasure or
 * a late correction changes nothing.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttendeeErasureIT implements TestPropertyProvider {
    private static final String EVENT = "erasure-event";
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
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        broker = KafkaBroker.startForTests();
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        try {
            Path dir = Files.createTempDirectory("reporting-erasure-it-");
            return Map.of(
                    "micronaut.server.port", "-1",
                    "kafka.bootstrap.servers", broker.bootstrapServers(),
                    "reporting.consumer-group", "reporting-erasure-it-" + UUID.randomUUID(),
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
    void anErasureKeepsEveryCountAndLeavesNothingAboutThePerson() {
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String name = "Zoraida Quintanilla " + tag;
        String email = "zq-" + tag + "@example.org";
        String organization = "Cooperativa " + tag;
        String jobTitle = "Jefa de planta " + tag;
        String[] needles = {name, email, organization, jobTitle};
        publish(new EventPublished(EVENT, 1, "Borrado", Map.of(), "Recinto", "Tomelloso", DOORS, DOORS.plusSeconds(36000), 100, true,
                null, null, List.of(new TicketType("COMPANY", "Empresa", null)), List.of(),
                List.of(new Checkpoint("entrance", "Entrada", CheckpointKind.DOOR, null)), DOORS.minusSeconds(86400)));
        publish(new RegistrationConfirmed("erase-me", EVENT, "COMPANY", name, email, organization, "COMPANY", jobTitle, "PE", "es",
                List.of(), "0".repeat(64), DOORS));
        publish(new RegistrationConfirmed("keep-me", EVENT, "COMPANY", "Otra Persona", "otra@example.com", "Otra S.A.", "COMPANY",
                null, "ES", "es", List.of(), "0".repeat(64), DOORS));
        publish(new TicketIssued("t-erase", "erase-me", EVENT, "COMPANY", name, organization, "0001", null, null, DOORS));
        publish(new TicketIssued("t-keep", "keep-me", EVENT, "COMPANY", "Otra Persona", "Otra S.A.", "0001", null, null, DOORS));
        publish(new AttendeeCheckedIn("t-erase", EVENT, "COMPANY", "entrance", "door-1", "SCAN", null, DOORS.plusSeconds(60),
                DOORS.plusSeconds(60)));
        // every topic's consumer is done (each topic has its own): the catalogue, the registrations, the check-in,
        // and the tickets that join the check-in to its registration
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            AttendanceReport report = report();
            assertThat(report.name()).isEqualTo("Borrado");
            assertThat(report.registered()).isEqualTo(2);
            assertThat(report.checkedIn()).isEqualTo(1);
            assertThat(report.byCountry()).contains(new CountryLine("PE", 1, 1));
        });
        AttendanceReport before = report();
        assertThat(PersonalDataSearch.find(plain(), needles)).as("the search sees the person before")
                .anySatisfy(hit -> assertThat(hit).startsWith("registrations.full_name"));
        assertThat(attendeesCsv()).contains(name);

        String erasure = UUID.randomUUID().toString();
        AttendeeErased erased = new AttendeeErased("erase-me", EVENT, AttendeeErased.REQUEST_BY_ATTENDEE, Instant.now());
        publish(erased, erasure);
        awaitProcessed(erasure);

        assertThat(PersonalDataSearch.find(plain(), needles)).as("every text column of every table").isEmpty();
        assertThat(attendeesCsv()).doesNotContain(name).doesNotContain(organization).contains("Otra Persona");
        AttendanceReport after = report();
        assertThat(after).as("the counts stay; only the organisation breakdown and the latest entries lose the organisation")
                .usingRecursiveComparison()
                .ignoringFields("updatedAt", "generatedAt", "byOrganization", "organizationsPresent", "latestCheckIns.organization")
                .isEqualTo(before);
        assertThat(after.latestCheckIns()).singleElement().satisfies(row -> assertThat(row.organization()).isNull());
        assertThat(after.byOrganization().toString()).doesNotContain(organization);

        // redelivered, a second erasure and a late correction: nothing comes back, nothing moves
        publish(erased, erasure);
        publish(erased);
        String correction = UUID.randomUUID().toString();
        publish(new RegistrationCorrected("erase-me", EVENT, name, organization, jobTitle, "PE", Instant.now()), correction);
        awaitProcessed(correction);
        assertThat(PersonalDataSearch.find(plain(), needles)).isEmpty();
        assertThat(report()).usingRecursiveComparison().ignoringFields("updatedAt", "generatedAt").isEqualTo(after);
    }

    private DataSource plain() {
        return DelegatingDataSource.unwrapDataSource(dataSource);
    }

    private String attendeesCsv() {
        return http.toBlocking().retrieve(TestCallers.asOrganizer(HttpRequest.GET("/api/reports/events/" + EVENT + "/exports/attendees.csv")));
    }

    private AttendanceReport report() {
        return http.toBlocking().retrieve(TestCallers.asOrganizer(HttpRequest.GET("/api/reports/events/" + EVENT + "/attendance")),
                AttendanceReport.class);
    }

    private void awaitProcessed(String eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection connection = plain().getConnection();
                 PreparedStatement s = connection.prepareStatement("SELECT COUNT(*) FROM processed_events WHERE event_id = ?")) {
                s.setString(1, eventId);
                try (ResultSet rows = s.executeQuery()) {
                    rows.next();
                    return rows.getLong(1) == 1;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void publish(DomainEvent event) {
        publish(event, UUID.randomUUID().toString());
    }

    private void publish(DomainEvent event, String eventId) {
        EventTypes.EventType type = EventTypes.of(event);
        ProducerRecord<String, String> record;
        try {
            record = new ProducerRecord<>(type.topic(), event.partitionKey(), mapper.writeValueAsString(event));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        record.headers().add(EventHeaders.EVENT_TYPE, type.name().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_ID, eventId.getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
