package dev.entrada.bench;

import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Registrations on one hot event: many clients submit at once against a capacity that runs out.
 * Baseline: a raw JDBC loop doing the same conditional update and insert on the same PostgreSQL.
 */
final class RegistrationScenario {
    static final String NAME = "registrations on one hot event";
    private static final int CAPACITY = 500;
    private static final int SUBMISSIONS = 1_500;
    private static final int CLIENTS = 16;

    static List<Measurement> run(String registrationUrl, DataSource baseline) {
        String eventId = "bench-hot-" + UUID.randomUUID().toString().substring(0, 8);
        BenchEvents.create(registrationUrl, eventId, CAPACITY, true);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        runClients(() -> {
            int i;
            while ((i = next.getAndIncrement()) < SUBMISSIONS) {
                Http.Answer answer = Http.send(Http.postJson(registrationUrl + "/api/events/" + eventId + "/registrations", Map.of(
                        "fullName", "Bench Person " + i, "email", "bench-" + i + "@" + eventId + ".example",
                        "organization", "Bench S.L.", "country", "ES", "locale", "es", "consent", true)));
                if (answer.status() != 201) {
                    errors.incrementAndGet();
                }
            }
        });
        double perSecond = SUBMISSIONS / ((System.nanoTime() - start) / 1e9);
        JsonNode event = Http.get(registrationUrl + "/api/events/" + eventId).body();
        int confirmed = event.get("confirmed").asInt();
        if (confirmed > CAPACITY || errors.get() > 0) {
            throw new IllegalStateException("oversold or failed: confirmed " + confirmed + " of " + CAPACITY + ", errors " + errors);
        }
        double raw = rawJdbc(baseline);
        return List.of(
                Measurement.ratio(NAME, "registrations/s (" + CLIENTS + " clients, capacity " + CAPACITY + ", oversell 0)",
                        perSecond, "/s", "raw JDBC conditional update + insert", raw, "≥ 0.5"),
                Measurement.plain(NAME, "confirmed − capacity (oversell)", confirmed - CAPACITY, "", "0"));
    }

    /** The same work without the service: conditional seat update, then the registration row, one transaction each. */
    static double rawJdbc(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("DROP TABLE IF EXISTS raw_registrations");
            ddl.execute("DROP TABLE IF EXISTS raw_events");
            ddl.execute("CREATE TABLE raw_events (id VARCHAR(100) PRIMARY KEY, capacity INT NOT NULL, confirmed INT NOT NULL)");
            ddl.execute("CREATE TABLE raw_registrations (id VARCHAR(36) PRIMARY KEY, event_id VARCHAR(100) NOT NULL,"
                    + " email VARCHAR(254) NOT NULL, status VARCHAR(20) NOT NULL, UNIQUE (event_id, email))");
            ddl.execute("INSERT INTO raw_events VALUES ('hot', " + CAPACITY + ", 0)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        runClients(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement seat = connection.prepareStatement(
                         "UPDATE raw_events SET confirmed = confirmed + 1 WHERE id = 'hot' AND confirmed < capacity");
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO raw_registrations (id, event_id, email, status) VALUES (?, 'hot', ?, ?)")) {
                connection.setAutoCommit(false);
                int i;
                while ((i = next.getAndIncrement()) < SUBMISSIONS) {
                    boolean confirmed = seat.executeUpdate() == 1;
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, "raw-" + i + "@example.com");
                    insert.setString(3, confirmed ? "CONFIRMED" : "WAITLISTED");
                    insert.executeUpdate();
                    connection.commit();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return SUBMISSIONS / ((System.nanoTime() - start) / 1e9);
    }

    private static void runClients(Runnable client) {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
            Thread thread = new Thread(client);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofMinutes(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private RegistrationScenario() {
    }
}
