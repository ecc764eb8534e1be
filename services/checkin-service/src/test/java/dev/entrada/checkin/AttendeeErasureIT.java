package dev.entrada.checkin;

import dev.entrada.testing.PersonalDataSearch;
import dev.entrada.checkin.ticket.TicketRepository;
import dev.entrada.contracts.ContractFiles;
import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.Topics;
import dev.entrada.contracts.code.Ed25519Keys;
import dev.entrada.contracts.code.TicketCode;
import dev.entrada.contracts.registration.AttendeeErased;
import dev.entrada.contracts.registration.RegistrationCancelled;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.signing.SigningKeyPublished;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.local.KafkaBroker;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
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
 * {@code AttendeeErased} through a real broker (issue 8): afterwards no text column of any table
 * (found in INFORMATION_SCHEMA) holds the person's name, organisation or e-mail, staff cannot find
 * them, their ticket is still admitted without a name, and a redelivered erasure, a late copy of
 * the registration or of the ticket cannot bring the data back.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttendeeErasureIT implements TestPropertyProvider {
    private static final String B2B = "b2b-industrial-2017";
    private static final String KEY_ID = "E0A5";
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
    TicketRepository tickets;
    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        broker = KafkaBroker.startForTests();
        kafka = new KafkaTestClient(broker.bootstrapServers());
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("checkin-erasure-it-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "micronaut.server.port", "-1",
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "checkin.kafka.group-id", "checkin-service-erasure-it-" + UUID.randomUUID(),
                "datasources.default.url", "jdbc:h2:file:" + dataDir.resolve("db")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }

    @BeforeAll
    void publishKeyAndCatalogue() throws IOException {
        kafka.publish(Topics.SIGNING_KEYS, KEY_ID, "SigningKeyPublished", json.writeValueAsString(
                new SigningKeyPublished(KEY_ID, "Ed25519", Ed25519Keys.publicKeyText(KEYS.getPublic()), Instant.now())));
        kafka.publish(Topics.EVENT_CATALOG, B2B, "EventPublished", ContractFiles.sample("EventPublished"));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> count("SELECT COUNT(*) FROM signing_keys WHERE key_id = '" + KEY_ID + "'") == 1
                && http.toBlocking().exchange(TestCallers.GET("/api/checkins/inside?eventId=" + B2B), Map.class).code() == 200);
    }

    @AfterAll
    void stop() {
        context.close();
        kafka.close();
        broker.close();
    }

    record Person(String registrationId, String fullName, String email, String organization) {
        static Person unique() {
            String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            return new Person(UUID.randomUUID().toString(), "Zoraida" + tag + " Quintanilla", "zq-" + tag + "@example.org",
                    "Cooperativa " + tag);
        }

        String[] needles() {
            return new String[] {fullName, email, organization};
        }

        String searchWord() {
            return fullName.split(" ")[0];
        }
    }

    @Test
    void anErasedPersonLeavesNoTraceAndTheirTicketStillOpensTheDoor() throws IOException {
        Person person = Person.unique();
        UUID ticketId = register(person);
        Map<String, Object> admitted = scan(ticketId);
        assertThat(admitted).containsEntry("verdict", "ADMITTED").containsKey("attendee");
        assertThat(PersonalDataSearch.find(plain(), person.needles())).as("the search sees the person before")
                .anySatisfy(hit -> assertThat(hit).startsWith("registrations.full_name"))
                .anySatisfy(hit -> assertThat(hit).startsWith("tickets.holder_name"));

        String erasure = UUID.randomUUID().toString();
        kafka.publish(Topics.REGISTRATION_EVENTS, person.registrationId(), "AttendeeErased", erasure,
                json.writeValueAsString(new AttendeeErased(person.registrationId(), B2B, AttendeeErased.RETENTION, Instant.now())));
        awaitProcessed(erasure);

        assertThat(PersonalDataSearch.find(plain(), person.needles())).as("every text column of every table").isEmpty();
        assertThat(searchTickets(person.searchWord())).isEmpty();
        Map<String, Object> again = scan(ticketId);
        assertThat(again).containsEntry("verdict", "ALREADY_CHECKED_IN").doesNotContainKey("attendee");
        assertThat(count("SELECT COUNT(*) FROM admissions WHERE ticket_id = '" + ticketId + "'")).as("check-ins kept").isOne();

        // redelivered, then late copies of the registration and the ticket
        kafka.publish(Topics.REGISTRATION_EVENTS, person.registrationId(), "AttendeeErased", erasure,
                json.writeValueAsString(new AttendeeErased(person.registrationId(), B2B, AttendeeErased.RETENTION, Instant.now())));
        String lateRegistration = UUID.randomUUID().toString();
        kafka.publish(Topics.REGISTRATION_EVENTS, person.registrationId(), "RegistrationConfirmed", lateRegistration, confirmed(person));
        String lateTicket = UUID.randomUUID().toString();
        kafka.publish(Topics.TICKET_EVENTS, ticketId.toString(), "TicketIssued", lateTicket, issued(person, ticketId));
        awaitProcessed(lateRegistration);
        awaitProcessed(lateTicket);

        assertThat(PersonalDataSearch.find(plain(), person.needles())).isEmpty();
        assertThat(searchTickets(person.searchWord())).isEmpty();
    }

    @Test
    void anErasureArrivingBeforeTheTicketKeepsTheTicketNameless() throws IOException {
        Person person = Person.unique();
        kafka.publish(Topics.REGISTRATION_EVENTS, person.registrationId(), "RegistrationConfirmed", UUID.randomUUID().toString(), confirmed(person));
        kafka.publish(Topics.REGISTRATION_EVENTS, person.registrationId(), "RegistrationCancelled", UUID.randomUUID().toString(),
                json.writeValueAsString(new RegistrationCancelled(person.registrationId(), B2B, "ATTENDEE", Instant.now())));
        String erasure = UUID.randomUUID().toString();
        kafka.publish(Topics.REGISTRATION_EVENTS, person.registrationId(), "AttendeeErased", erasure,
                json.writeValueAsString(new AttendeeErased(person.registrationId(), B2B, AttendeeErased.REQUEST_BY_ATTENDEE, Instant.now())));
        awaitProcessed(erasure);
        // ticketing's topic is not ordered with registration's: its TicketIssued may come later
        UUID ticketId = UUID.randomUUID();
        String issuedEvent = UUID.randomUUID().toString();
        kafka.publish(Topics.TICKET_EVENTS, ticketId.toString(), "TicketIssued", issuedEvent, issued(person, ticketId));
        awaitProcessed(issuedEvent);

        assertThat(tickets.findById(ticketId.toString())).hasValueSatisfying(t -> assertThat(t.holderName()).isNull());
        assertThat(PersonalDataSearch.find(plain(), person.needles())).isEmpty();
    }

    // ---- helpers ------------------------------------------------------------------------------

    private String confirmed(Person person) throws IOException {
        return json.writeValueAsString(new RegistrationConfirmed(person.registrationId(), B2B, "COMPANY", person.fullName(),
                person.email(), person.organization(), "COMPANY", null, "ES", "es", List.of(), "00", Instant.now()));
    }

    private String issued(Person person, UUID ticketId) throws IOException {
        return json.writeValueAsString(new TicketIssued(ticketId.toString(), person.registrationId(), B2B, "COMPANY",
                person.fullName(), person.organization(), KEY_ID, null, null, Instant.now()));
    }

    private UUID register(Person person) throws IOException {
        kafka.publish(Topics.REGISTRATION_EVENTS, person.registrationId(), "RegistrationConfirmed", UUID.randomUUID().toString(), confirmed(person));
        UUID ticketId = UUID.randomUUID();
        kafka.publish(Topics.TICKET_EVENTS, ticketId.toString(), "TicketIssued", UUID.randomUUID().toString(), issued(person, ticketId));
        await().atMost(Duration.ofSeconds(30)).until(() -> searchTickets(person.searchWord()).contains(ticketId.toString()));
        return ticketId;
    }

    private DataSource plain() {
        return DelegatingDataSource.unwrapDataSource(dataSource);
    }

    private long count(String sql) {
        try (Connection connection = plain().getConnection();
             PreparedStatement s = connection.prepareStatement(sql);
             ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitProcessed(String eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT COUNT(*) FROM processed_events WHERE event_id = '" + eventId + "'") == 1);
    }

    @SuppressWarnings("unchecked")
    private List<String> searchTickets(String q) {
        URI uri = UriBuilder.of("/api/checkins/search").queryParam("eventId", B2B).queryParam("q", q).build();
        Map<String, Object> body = http.toBlocking().retrieve(TestCallers.GET(uri), Argument.mapOf(String.class, Object.class));
        Object matches = body.get("matches");
        return matches == null ? List.of() : ((List<Map<String, Object>>) matches).stream().map(m -> (String) m.get("ticketId")).toList();
    }

    private Map<String, Object> scan(UUID ticketId) {
        Map<String, String> body = Map.of("code", TicketCode.sign(ticketId, B2B, "COMPANY", KEY_ID, null, null, KEYS.getPrivate()),
                "checkpointId", "entrance", "deviceId", "door-erasure", "nonce", UUID.randomUUID().toString(), "direction", "IN");
        return http.toBlocking().retrieve(TestCallers.POST("/api/checkins", body), Argument.mapOf(String.class, Object.class));
    }
}
