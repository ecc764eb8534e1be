package dev.entrada.checkin;

import dev.entrada.checkin.catalog.CatalogReplica;
import dev.entrada.checkin.key.SigningKeys;
import dev.entrada.checkin.scan.ScanRequest;
import dev.entrada.checkin.scan.ScanResponse;
import dev.entrada.checkin.scan.ScanService;
import dev.entrada.contracts.ContractFiles;
import dev.entrada.contracts.catalog.EventPublished;
import dev.entrada.contracts.code.Ed25519Keys;
import dev.entrada.contracts.code.TicketCode;
import dev.entrada.contracts.signing.SigningKeyPublished;
import dev.entrada.local.KafkaBroker;
import dev.entrada.identity.Caller;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * First scan wins across nodes: two complete instances of the service (two Micronaut contexts, each
 * with its own connection pool, outbox relay and Kafka clients) share one PostgreSQL database, and
 * 8 scans of one ticket hit them at the same moment, 1,000 times over. Every trial must admit exactly
 * once. The scans enter at {@link ScanService} (the HTTP layer adds nothing to the race and would
 * only make the run slower).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesRacePostgresIT {
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String B2B = "b2b-industrial-2017";
    private static final String KEY_ID = "2ACE";
    private static final KeyPair KEYS = Ed25519Keys.generate();
    private static final int TRIALS = 1000;
    private static final int SCANNERS = 8;
    private static final Caller STAFF = TestCallers.staffCaller(B2B);

    private final String database = "checkin_race_" + UUID.randomUUID().toString().replace("-", "");
    private KafkaBroker broker;
    private ApplicationContext first;
    private ApplicationContext second;

    @BeforeAll
    void startTwoInstances() throws Exception {
        admin("CREATE DATABASE " + database);
        broker = KafkaBroker.startForTests();
        // One after the other, so Flyway migrates once and the second instance finds the schema.
        first = ApplicationContext.run(properties("a"));
        second = ApplicationContext.run(properties("b"));
        EventPublished b2b = first.getBean(JsonMapper.class).readValue(ContractFiles.sample("EventPublished"), EventPublished.class);
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> transactions = first.getBean(TransactionOperations.class);
        transactions.executeWrite(status -> {
            first.getBean(SigningKeys.class).apply(new SigningKeyPublished(KEY_ID, "Ed25519",
                    Ed25519Keys.publicKeyText(KEYS.getPublic()), Instant.now()));
            first.getBean(CatalogReplica.class).apply(b2b);
            return null;
        });
    }

    private Map<String, Object> properties(String instance) {
        return Map.of(
                "micronaut.server.port", "-1",
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "checkin.kafka.group-id", "checkin-race-" + instance + "-" + UUID.randomUUID(),
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:5432/" + database,
                "datasources.default.username", "postgres",
                "datasources.default.password", "",
                "datasources.default.maximum-pool-size", String.valueOf(SCANNERS),
                "entrada.service-token-secret", TestCallers.SECRET);
    }

    @AfterAll
    void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        if (broker != null) {
            broker.close();
        }
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void eightSimultaneousScansOnTwoInstancesAdmitExactlyOnceInEachOfAThousandTrials() throws Exception {
        List<ScanService> instances = List.of(first.getBean(ScanService.class), second.getBean(ScanService.class));
        ExecutorService pool = Executors.newFixedThreadPool(SCANNERS);
        CyclicBarrier together = new CyclicBarrier(SCANNERS);
        List<String> wrong = new ArrayList<>();
        try {
            for (int trial = 0; trial < TRIALS; trial++) {
                String code = TicketCode.sign(UUID.randomUUID(), B2B, "COMPANY", KEY_ID, null, null, KEYS.getPrivate());
                List<Future<ScanResponse>> answers = new ArrayList<>();
                for (int i = 0; i < SCANNERS; i++) {
                    ScanService instance = instances.get(i % 2);
                    ScanRequest request = new ScanRequest(code, i % 4 < 2 ? "entrance" : "b2b-area", "door-" + i,
                            UUID.randomUUID().toString(), "IN", null, null);
                    Callable<ScanResponse> scan = () -> {
                        together.await(30, TimeUnit.SECONDS);
                        return instance.scan(request, STAFF);
                    };
                    answers.add(pool.submit(scan));
                }
                int admitted = 0;
                for (Future<ScanResponse> answer : answers) {
                    ScanResponse response = answer.get(60, TimeUnit.SECONDS);
                    if (response.verdict() == ScanResponse.Verdict.ADMITTED) {
                        admitted++;
                    } else {
                        assertThat(response.verdict()).isEqualTo(ScanResponse.Verdict.ALREADY_CHECKED_IN);
                    }
                }
                if (admitted != 1) {
                    wrong.add("trial " + trial + ": " + admitted + " admitted");
                }
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(wrong).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM admissions")).isEqualTo(TRIALS);
        assertThat(count("SELECT COUNT(*) FROM scans WHERE verdict = 'ADMITTED'")).isEqualTo(TRIALS);
        assertThat(count("SELECT COUNT(*) FROM scans")).isEqualTo((long) TRIALS * SCANNERS);
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
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
