package dev.entrada.registration;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The same migrations and the same registration SQL against a fresh PostgreSQL database. */
class PostgresRegistrationIT extends CapacityScenarios {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DATABASE = "registration_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws SQLException {
        admin("CREATE DATABASE " + DATABASE);
        registry.add("spring.datasource.url", () -> SERVER + DATABASE);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        KafkaBrokerExtension.afterContextClosed(() -> admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)"));
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void migrationsRunAndARegistrationIsStored() {
        assertThat(jdbc.queryForObject("SELECT current_database()", String.class)).isEqualTo(DATABASE);
        int migrations;
        try {
            migrations = new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                    .getResources("classpath:db/migration/V*.sql").length;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(migrations).isPositive();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM flyway_schema_history WHERE success", Integer.class))
                .as("every migration file ran").isEqualTo(migrations);

        Response created = register("b2b-industrial-2017", attendee(uniqueEmail()));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(get("/api/events/b2b-industrial-2017").json().get("confirmed").asInt()).isOne();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE record_key = ?", Integer.class,
                created.json().get("registrationId").asString())).isOne();
    }

    @Test
    void concurrentRegistrationsNeverOverbookOnPostgres() throws Exception {
        createEvent("three-seats", 3, true);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<Response>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                futures.add(pool.submit(() -> register("three-seats", attendee(uniqueEmail()))));
            }
            List<String> statuses = new ArrayList<>();
            for (Future<Response> f : futures) {
                Response r = f.get();
                assertThat(r.status()).isEqualTo(201);
                statuses.add(r.json().get("status").asString());
            }
            assertThat(statuses).filteredOn("CONFIRMED"::equals).hasSize(3);
            assertThat(statuses).filteredOn("WAITLISTED"::equals).hasSize(7);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aConcurrentDuplicateIsNotAServerError() throws Exception {
        String email = uniqueEmail();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Response>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                futures.add(pool.submit(() -> register("telecom-night-2017", attendee(email))));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Response> f : futures) {
                codes.add(f.get().status());
            }
            assertThat(codes).containsOnly(201, 200);
            assertThat(codes).filteredOn(c -> c == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
