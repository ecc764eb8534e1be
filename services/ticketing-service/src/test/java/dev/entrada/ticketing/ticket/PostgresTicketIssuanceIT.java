package dev.entrada.ticketing.ticket;

import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.Topics;
import dev.entrada.contracts.code.Ed25519Keys;
import dev.entrada.contracts.code.TicketCode;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.signing.SigningKeyPublished;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.ticketing.TicketingServiceTestSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The migrations and an issuance on PostgreSQL, the production database. */
class PostgresTicketIssuanceIT extends TicketingServiceTestSupport {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DATABASE = "entrada_ticketing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void createDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        afterApplication(PostgresTicketIssuanceIT::dropDatabase);
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("DB_URL", () -> SERVER + DATABASE);
        registry.add("DB_USER", () -> "postgres");
    }

    private static void dropDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    @Test
    void migratesAFreshDatabaseAndIssuesASignedTicket() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            assertThat(connection.getCatalog()).isEqualTo(DATABASE);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history WHERE success").query(Long.class).single()).isPositive();

        RegistrationConfirmed registration = confirmed(UUID.randomUUID().toString());
        publish(registration, UUID.randomUUID().toString());

        TicketIssued issued = await().atMost(Duration.ofSeconds(30)).until(
                () -> recordsOn(Topics.TICKET_EVENTS).stream()
                        .filter(r -> "TicketIssued".equals(header(r, EventHeaders.EVENT_TYPE)))
                        .map(r -> json.readValue(r.value(), TicketIssued.class))
                        .filter(t -> registration.registrationId().equals(t.registrationId()))
                        .findFirst(),
                Optional::isPresent).orElseThrow();
        ConsumerRecord<String, String> keyRecord = await().atMost(Duration.ofSeconds(30)).until(
                () -> recordsOn(Topics.SIGNING_KEYS).stream().filter(r -> issued.keyId().equals(r.key())).findFirst(),
                Optional::isPresent).orElseThrow();
        SigningKeyPublished key = json.readValue(keyRecord.value(), SigningKeyPublished.class);

        JsonNode ticket = read(text(get("/api/tickets/" + issued.ticketId() + "?token=" + SAMPLE_TOKEN)));
        assertThat(ticket.get("status").asString()).isEqualTo("ISSUED");
        TicketCode.Parsed parsed = TicketCode.parse(ticket.get("code").asString());
        assertThat(parsed.isSignedBy(Ed25519Keys.publicKey(key.publicKey()))).isTrue();
        assertThat(parsed.claims().isForEvent(registration.eventId())).isTrue();
        assertThat(parsed.claims().isOfType(registration.ticketType())).isTrue();
    }
}
