package dev.entrada.checkin;

import dev.entrada.checkin.catalog.CatalogReplica;
import dev.entrada.checkin.key.SigningKeys;
import dev.entrada.contracts.ContractFiles;
import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.Topics;
import dev.entrada.contracts.catalog.EventPublished;
import dev.entrada.contracts.code.Ed25519Keys;
import dev.entrada.contracts.code.TicketCode;
import dev.entrada.contracts.signing.SigningKeyPublished;
import dev.entrada.local.KafkaBroker;
import dev.entrada.outbox.OutboxRelay;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import static org.awaitility.Awaitility.await;

/**
 * The Flyway migrations and first-scan-wins on a fresh PostgreSQL 15 database (the production
 * engine), where concurrent inserts really block on each other's uncommitted keys.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdmissionRacePostgresIT implements TestPropertyProvider {
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String B2B = "b2b-industrial-2017";
    private static final String KEY_ID = "0BEE";
    private static final KeyPair KEYS = Ed25519Keys.generate();

    private final String database = "checkin_it_" + UUID.randomUUID().toString().replace("-", "");
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
    CatalogReplica catalog;
    @Inject
    SigningKeys keys;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    OutboxRelay relay;

    @Override
    public Map<String, String> getProperties() {
        admin("CREATE DATABASE " + database);
        broker = KafkaBroker.startForTests();
        kafka = new KafkaTestClient(broker.bootstrapServers());
        return Map.of(
                "micronaut.server.port", "-1",
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "checkin.kafka.group-id", "checkin-service-pg-it-" + UUID.randomUUID(),
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:5432/" + database,
                "datasources.default.username", "postgres",
                "datasources.default.password", "",
                "datasources.default.maximum-pool-size", "12");
    }

    @BeforeAll
    void loadReplica() throws IOException {
        EventPublished b2b = json.readValue(ContractFiles.sample("EventPublished"), EventPublished.class);
        transactions.executeWrite(status -> {
            keys.apply(new SigningKeyPublished(KEY_ID, "Ed25519", Ed25519Keys.publicKeyText(KEYS.getPublic()), Instant.now()));
            catalog.apply(b2b);
            return null;
        });
    }

    @AfterAll
    void stop() {
        context.close();
        kafka.close();
        broker.close();
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void migrationsCreatedTheSchemaOnPostgres() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")) {
            List<String> tables = new ArrayList<>();
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
            assertThat(tables).contains("admissions", "checkpoints", "events", "outbox", "processed_events", "scans",
                    "signing_keys", "ticket_types", "tickets");
        }
    }

    @Test
    void tenDevicesScanningOneTicketAtOnceAdmitItExactlyOnce() throws Exception {
        UUID ticketId = UUID.randomUUID();
        String code = TicketCode.sign(ticketId, B2B, "COMPANY", KEY_ID, null, null, KEYS.getPrivate());

        List<Map<String, Object>> answers = simultaneously(10, i ->
                scan(code, i % 2 == 0 ? "entrance" : "b2b-area", "door-" + i, UUID.randomUUID().toString()));

        assertThat(answers).extracting(a -> a.get("verdict")).containsOnly("ADMITTED", "ALREADY_CHECKED_IN")
                .filteredOn("ADMITTED"::equals).hasSize(1);
        assertThat(checkedInEvents(ticketId)).isEqualTo(1);
    }

    @Test
    void oneRequestRetriedConcurrentlyIsAnsweredOnceAndTheSameEachTime() throws Exception {
        UUID ticketId = UUID.randomUUID();
        String code = TicketCode.sign(ticketId, B2B, "COMPANY", KEY_ID, null, null, KEYS.getPrivate());
        String nonce = UUID.randomUUID().toString();

        List<Map<String, Object>> answers = simultaneously(6, i -> scan(code, "entrance", "door-retry", nonce));

        assertThat(answers).allSatisfy(a -> assertThat(a).isEqualTo(answers.get(0)));
        assertThat(answers.get(0)).containsEntry("verdict", "ADMITTED");
        assertThat(checkedInEvents(ticketId)).isEqualTo(1);
    }

    private interface Scanner {
        Map<String, Object> scan(int index);
    }

    private static List<Map<String, Object>> simultaneously(int count, Scanner scanner) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Map<String, Object>>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<Map<String, Object>> call = () -> {
                    start.await();
                    return scanner.scan(index);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<Map<String, Object>> answers = new ArrayList<>();
            for (Future<Map<String, Object>> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private long checkedInEvents(UUID ticketId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.pendingCount() == 0);
        return kafka.readAll(Topics.CHECKIN_EVENTS).stream()
                .filter(r -> "AttendeeCheckedIn".equals(KafkaTestClient.header(r, EventHeaders.EVENT_TYPE)))
                .filter(r -> ticketId.toString().equals(r.key()))
                .count();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> scan(String code, String checkpointId, String deviceId, String nonce) {
        return http.toBlocking().retrieve(TestCallers.POST("/api/checkins",
                Map.of("code", code, "checkpointId", checkpointId, "deviceId", deviceId, "nonce", nonce)), Map.class);
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
