package dev.entrada.bench;

import dev.entrada.contracts.code.Ed25519Keys;
import dev.entrada.contracts.code.TicketCode;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpRequest;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Scan to verdict at the check-in service: latency at fixed arrival rates, and the most verdicts per
 * second. Baselines in the same run: the raw database write a check-in makes, and the same
 * framework's no-op HTTP answer ({@code /health/liveness} of the same service).
 */
final class ScanScenario {
    static final String NAME = "scan to verdict";
    static final int[] RATES = {100, 500, 1_000};
    private static final int CONCURRENCY = 32;

    record Tickets(String eventId, String checkpointId, List<String> codes) {
    }

    /** A fresh event with its own door, and {@code count} issued tickets for it. */
    static Tickets prepare(String registrationUrl, String ticketingUrl, String eventId, int count) {
        String checkpointId = BenchEvents.doorOf(eventId);
        BenchEvents.create(registrationUrl, eventId, null, false);
        List<String[]> registrations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode body = Http.send(Http.postJson(registrationUrl + "/api/events/" + eventId + "/registrations", Map.of(
                    "fullName", "Door Person " + i, "email", "door-" + i + "@" + eventId + ".example",
                    "organization", "Bench S.L.", "country", "ES", "locale", "es", "consent", true))).body();
            registrations.add(new String[]{body.get("registrationId").asString(), body.get("accessToken").asString()});
        }
        List<String> codes = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(120);
        for (String[] registration : registrations) {
            String ticketId = null;
            while (ticketId == null) {
                JsonNode body = Http.get(registrationUrl + "/api/registrations/" + registration[0] + "?token=" + registration[1]).body();
                if (!body.path("ticketId").isNull() && !body.path("ticketId").isMissingNode()) {
                    ticketId = body.get("ticketId").asString();
                } else if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("tickets were not issued within 2 minutes");
                } else {
                    Bench.pause();
                }
            }
            codes.add(Http.get(ticketingUrl + "/api/tickets/" + ticketId + "?token=" + registration[1]).body().get("code").asString());
        }
        return new Tickets(eventId, checkpointId, codes);
    }

    static HttpRequest scan(String checkinUrl, Tickets tickets, int i) {
        String body = Http.JSON.writeValueAsString(Map.of("code", tickets.codes().get(i % tickets.codes().size()),
                "checkpointId", tickets.checkpointId(), "deviceId", "bench-" + (i % 20), "nonce", UUID.randomUUID().toString()));
        return Http.request(checkinUrl + "/api/checkins")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Waits until the check-in replica knows the bench door (it learns checkpoints from event-catalog). */
    static void awaitCheckpoint(String checkinUrl, Tickets tickets) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (Http.CLIENT.send(scan(checkinUrl, tickets, 0), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (Exception e) {
                // not yet
            }
            Bench.pause();
        }
        throw new IllegalStateException("check-in never learned checkpoint " + tickets.checkpointId());
    }

    static List<Measurement> run(String checkinUrl, Tickets tickets, DataSource baseline, Duration step) {
        List<Measurement> results = new ArrayList<>();
        for (int rate : RATES) {
            OpenLoad.Result result = OpenLoad.run(Http.CLIENT, rate, step, i -> scan(checkinUrl, tickets, i));
            Histogram h = result.latencies();
            String at = " at " + rate + "/s";
            results.add(Measurement.plain(NAME, "p50" + at, h.getValueAtPercentile(50) / 1e6, "ms", ""));
            results.add(Measurement.plain(NAME, "p99" + at, h.getValueAtPercentile(99) / 1e6, "ms", rate == 1_000 ? "≤ 25 ms" : ""));
            results.add(Measurement.plain(NAME, "p99.9" + at, h.getValueAtPercentile(99.9) / 1e6, "ms", ""));
            results.add(Measurement.plain(NAME, "failed requests" + at, result.failed(), "", "0"));
        }
        double verdicts = OpenLoad.maxThroughput(CONCURRENCY, step, () -> send(scan(checkinUrl, tickets, ThreadLocalRandom.current().nextInt(1 << 20))));
        double rawWrites = rawCheckInWrites(baseline, step);
        HttpRequest noop = HttpRequest.newBuilder(URI.create(checkinUrl + "/health/liveness")).timeout(Duration.ofSeconds(30)).GET().build();
        double noops = OpenLoad.maxThroughput(CONCURRENCY, step, () -> send(noop));
        results.add(Measurement.ratio(NAME, "max verdicts/s vs raw check-in writes", verdicts, "/s", "raw check-in write (same database)", rawWrites, "≥ 0.5"));
        results.add(Measurement.ratio(NAME, "max verdicts/s vs HTTP no-op", verdicts, "/s", "Micronaut no-op (/health/liveness)", noops, ""));
        results.add(Measurement.plain(NAME, "Ed25519 verifications/s per core", verificationsPerSecond(), "/s", "≥ 10,000"));
        results.add(Measurement.plain(NAME, "reference: JDK Signature(\"Ed25519\") verifications/s per core", jdkVerificationsPerSecond(), "/s", ""));
        return results;
    }

    private static void send(HttpRequest request) {
        try {
            Http.CLIENT.send(request, java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What one admitting scan writes: the scan row, the admission (first wins), the outbox event — one transaction. */
    static double rawCheckInWrites(DataSource dataSource, Duration duration) {
        try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("DROP TABLE IF EXISTS raw_scans");
            ddl.execute("DROP TABLE IF EXISTS raw_admissions");
            ddl.execute("DROP TABLE IF EXISTS raw_outbox");
            ddl.execute("CREATE TABLE raw_scans (device_id VARCHAR(100) NOT NULL, nonce VARCHAR(100) NOT NULL, ticket_id VARCHAR(36),"
                    + " verdict VARCHAR(30) NOT NULL, scanned_at TIMESTAMP WITH TIME ZONE NOT NULL, UNIQUE (device_id, nonce))");
            ddl.execute("CREATE TABLE raw_admissions (event_id VARCHAR(100) NOT NULL, ticket_id VARCHAR(36) NOT NULL,"
                    + " scope VARCHAR(120) NOT NULL, at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (event_id, ticket_id, scope))");
            ddl.execute("CREATE TABLE raw_outbox (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, payload TEXT NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        java.util.Queue<Connection> opened = new java.util.concurrent.ConcurrentLinkedQueue<>();
        ThreadLocal<Connection> connections = ThreadLocal.withInitial(() -> {
            try {
                Connection c = dataSource.getConnection();
                c.setAutoCommit(false);
                opened.add(c);
                return c;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        double perSecond = OpenLoad.maxThroughput(CONCURRENCY, duration, () -> {
            Connection c = connections.get();
            String ticket = UUID.randomUUID().toString();
            try (PreparedStatement scanRow = c.prepareStatement("INSERT INTO raw_scans VALUES (?, ?, ?, 'ADMITTED', now()) ON CONFLICT DO NOTHING");
                 PreparedStatement admission = c.prepareStatement("INSERT INTO raw_admissions VALUES ('e', ?, 'EVENT', now()) ON CONFLICT DO NOTHING");
                 PreparedStatement outbox = c.prepareStatement("INSERT INTO raw_outbox (payload) VALUES (?)")) {
                scanRow.setString(1, "d");
                scanRow.setString(2, UUID.randomUUID().toString());
                scanRow.setString(3, ticket);
                scanRow.executeUpdate();
                admission.setString(1, ticket);
                admission.executeUpdate();
                outbox.setString(1, "{\"ticketId\":\"" + ticket + "\"}");
                outbox.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        for (Connection c : opened) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing after the measurement; nothing to keep
            }
        }
        return perSecond;
    }

    /** Parse + Ed25519 verify of a real code on one thread, after a warm-up. */
    static double verificationsPerSecond() {
        KeyPair keys = Ed25519Keys.generate();
        String code = TicketCode.sign(UUID.randomUUID(), "b2b-industrial-2017", "COMPANY", "0001", null, null, keys.getPrivate());
        long end = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (System.nanoTime() < end) {
            verifyOnce(code, keys);
        }
        int count = 0;
        long start = System.nanoTime();
        end = start + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < end) {
            verifyOnce(code, keys);
            count++;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * A code-sized body (25 bytes) verified with the JDK's own {@code Signature("Ed25519")}, which
     * TicketCode used until issue 10 (it now uses BouncyCastle's RFC 8032 code): keeps the gain visible
     * in the same run on any machine.
     */
    static double jdkVerificationsPerSecond() {
        KeyPair keys = Ed25519Keys.generate();
        byte[] body = new byte[25];
        ThreadLocalRandom.current().nextBytes(body);
        byte[] signature;
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(body);
            signature = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Runnable verify = () -> {
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(keys.getPublic());
                verifier.update(body);
                if (!verifier.verify(signature)) {
                    throw new IllegalStateException("a valid code did not verify");
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        };
        long end = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (System.nanoTime() < end) {
            verify.run();
        }
        int count = 0;
        long start = System.nanoTime();
        end = start + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < end) {
            verify.run();
            count++;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static void verifyOnce(String code, KeyPair keys) {
        try {
            if (!TicketCode.parse(code).isSignedBy(keys.getPublic())) {
                throw new IllegalStateException("a valid code did not verify");
            }
        } catch (TicketCode.MalformedCodeException e) {
            throw new IllegalStateException(e);
        }
    }

    private ScanScenario() {
    }
}
