package dev.entrada.systemtests;

import dev.entrada.local.Stack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deployment beyond one host, proven on this machine: a 3-node Kafka cluster (replication 3,
 * min ISR 2) and two instances each of check-in and reporting sharing their PostgreSQL databases,
 * behind the gateway. Under a steady scan load one broker and one check-in instance are killed
 * outright. Scanners retry a scan that got no verdict with the same nonce, as the scanner page does.
 * Afterwards no scan is lost, nobody is admitted twice, and the organiser's count is exact; how long
 * scans went unanswered is printed.
 */
class FaultToleranceIT {
    private static final String EVENT = "b2b-industrial-2017";
    private static final int PEOPLE = 120;
    private static final int SCANS_PER_SECOND = 12;
    private static final Duration RETRY_AFTER = Duration.ofMillis(250);
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

    private static Stack stack;
    private static final List<String> databases = new ArrayList<>();

    @BeforeAll
    static void startAClusteredStack() throws Exception {
        Path root = Path.of(System.getProperty("entrada.root", "../..")).toAbsolutePath().normalize();
        Map<String, Map<String, String>> env = new HashMap<>();
        // One client session plays every door here, so it may scan faster than one real scanner.
        Map<String, String> gateway = new HashMap<>(SharedStack.MANY_CLIENTS_FROM_ONE_ADDRESS);
        gateway.putAll(Map.of("ENTRADA_RATE_SCAN_PER_SECOND", "200", "ENTRADA_RATE_SCAN_BURST", "2000"));
        env.put(Stack.GATEWAY, gateway);
        for (String service : List.of("checkin", "reporting")) {
            String database = "entrada_fault_" + service + "_" + UUID.randomUUID().toString().substring(0, 8);
            admin("CREATE DATABASE " + database);
            databases.add(database);
            env.put(service + "-service", Map.of("DB_URL", POSTGRES + database, "DB_USER", "postgres", "DB_PASSWORD", ""));
        }
        Instant began = Instant.now();
        stack = Stack.start(Stack.Config.freePorts(root, Files.createTempDirectory("entrada-fault-"))
                .withExtraEnv(env)
                .withTopology(new Stack.Topology(3, Map.of("checkin-service", 2, "reporting-service", 2))),
                line -> System.out.println("[fault stack] " + line));
        System.out.printf("[fault stack] 3 Kafka nodes + 7 services healthy after %d ms%n", Duration.between(began, Instant.now()).toMillis());
    }

    @AfterAll
    static void stopIt() throws Exception {
        if (stack != null) {
            stack.close();
        }
        for (String database : databases) {
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void killingABrokerAndACheckInInstanceUnderLoadLosesNoScanAndAdmitsNobodyTwice() throws Exception {
        Gateway attendee = new Gateway(stack.gatewayUrl());
        Gateway staff = Gateway.staff(stack);
        Gateway organizer = Gateway.organizer(stack);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            codes.add(DashboardPageIT.register(attendee).code());
        }
        // Both check-in instances must know the door before the load starts.
        await().atMost(Duration.ofSeconds(120)).until(() -> scanOnce(staff, "NOT-A-TICKET", UUID.randomUUID().toString()) != null);

        Map<String, String> verdicts = new ConcurrentHashMap<>();
        Map<String, Instant> firstTry = new ConcurrentHashMap<>();
        Map<String, Instant> answered = new ConcurrentHashMap<>();
        AtomicReference<Instant> lastFailure = new AtomicReference<>();
        AtomicReference<Instant> killedAt = new AtomicReference<>();
        ScheduledExecutorService scanners = Executors.newScheduledThreadPool(8);
        try {
            for (int i = 0; i < PEOPLE; i++) {
                String code = codes.get(i);
                String nonce = UUID.randomUUID().toString();
                scanners.schedule(new Runnable() {
                    @Override
                    public void run() {
                        firstTry.putIfAbsent(code, Instant.now());
                        String verdict = scanOnce(staff, code, nonce);
                        if (verdict == null) {
                            lastFailure.set(Instant.now());
                            scanners.schedule(this, RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS);
                        } else {
                            verdicts.put(code, verdict);
                            answered.put(code, Instant.now());
                        }
                    }
                }, i * 1000L / SCANS_PER_SECOND, TimeUnit.MILLISECONDS);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> verdicts.size() >= PEOPLE / 3);
            killedAt.set(Instant.now());
            stack.broker().crash(2);
            stack.crash("checkin-service-2");
            System.out.println("[fault] killed Kafka node 2 and checkin-service-2 after " + verdicts.size() + " verdicts");

            await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> assertThat(verdicts).hasSize(PEOPLE));
        } finally {
            scanners.shutdownNow();
        }

        assertThat(Set.copyOf(verdicts.values())).as("every person admitted, each exactly once").containsOnly("ADMITTED");
        Duration longestWait = codes.stream().map(code -> Duration.between(firstTry.get(code), answered.get(code)))
                .max(Duration::compareTo).orElseThrow();
        Duration recovery = lastFailure.get() == null || lastFailure.get().isBefore(killedAt.get())
                ? Duration.ZERO : Duration.between(killedAt.get(), lastFailure.get());
        System.out.printf("[fault] recovery: scans failed for %d ms after the kill; the longest wait for a verdict was %d ms%n",
                recovery.toMillis(), longestWait.toMillis());

        for (String code : codes) {
            String again = await().atMost(Duration.ofSeconds(60))
                    .until(() -> scanOnce(staff, code, UUID.randomUUID().toString()), java.util.Objects::nonNull);
            assertThat(again).as("second scan of a ticket").isEqualTo("ALREADY_CHECKED_IN");
        }
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            JsonNode attendance = organizer.get("/api/reports/events/" + EVENT + "/attendance").body();
            assertThat(attendance.get("checkedIn").asLong()).isEqualTo(PEOPLE);
            assertThat(attendance.get("registered").asLong()).isEqualTo(PEOPLE);
        });
    }

    /** One scan attempt at the entrance: the verdict, or {@code null} when there was none to be had. */
    private static String scanOnce(Gateway staff, String code, String nonce) {
        try {
            Gateway.Response response = staff.post("/api/checkins", Map.of("code", code, "checkpointId", "entrance",
                    "deviceId", "fault-door", "nonce", nonce));
            return response.status() == 200 ? response.body().get("verdict").asString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
