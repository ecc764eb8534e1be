package dev.entrada.bench;

import dev.entrada.local.Stack;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ./bench [--runs N] [--step-seconds S]}: starts the whole stack on PostgreSQL (production's
 * database), runs every scenario N times (default 5) against baselines measured in the same run, and
 * writes docs/benchmarks.md, docs/benchmarks.csv and the PNG charts beside them (docs/benchmarks-notes.md,
 * when present, is appended to benchmarks.md unchanged: hand-written notes survive a regeneration).
 * <p>
 * For profiling and before/after comparisons: {@code --only scans,issuance} runs only those scenarios
 * (registrations, scans, dashboard, fold, outbox, issuance) and then writes to {@code --out DIR}
 * (default deploy/bench/target/partial, never docs/); {@code --jvm-opt OPTION} (repeatable) adds an
 * option to every service JVM, e.g. {@code -XX:StartFlightRecording:filename=/tmp/jfr/,settings=profile};
 * {@code --h2} runs on the embedded default instead (every service on its H2 file, the baselines on H2),
 * writing to deploy/bench/target/h2 unless {@code --out} says otherwise.
 */
public final class Bench {
    private static final List<String> SERVICE_DATABASES = List.of("registration", "ticketing", "checkin", "reporting");

    public static void main(String[] args) throws Exception {
        int runs = 5;
        int stepSeconds = 5;
        Set<String> only = null;
        Path out = null;
        boolean h2 = false;
        List<String> jvmOptions = new ArrayList<>(List.of("-Xms128m", "-Xmx512m"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--step-seconds" -> stepSeconds = Integer.parseInt(args[++i]);
                case "--only" -> only = Set.of(args[++i].split(","));
                case "--out" -> out = Path.of(args[++i]).toAbsolutePath();
                case "--jvm-opt" -> jvmOptions.add(args[++i]);
                case "--h2" -> h2 = true;
                default -> {
                    System.err.println("usage: bench [--runs N] [--step-seconds S] [--only scans,issuance,…] [--out DIR] [--jvm-opt OPTION]… [--h2]");
                    System.exit(2);
                }
            }
        }
        Path root = findRoot();
        if (out == null) {
            out = h2 ? root.resolve("deploy/bench/target/h2")
                    : only == null ? root.resolve("docs") : root.resolve("deploy/bench/target/partial");
        }
        Set<String> selected = only;
        Path benchJar = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, Map<String, String>> env = new HashMap<>();
        Path dataDir = Files.createTempDirectory("entrada-bench-");
        DataSource baseline;
        if (h2) {
            // The embedded default: every service on its own H2 file, the baselines on one in this JVM.
            baseline = Databases.h2(dataDir.resolve("baseline"));
        } else {
            for (String database : SERVICE_DATABASES) {
                Databases.recreate("bench_" + database);
                env.put(database + "-service", Map.of("DB_URL", Databases.url("bench_" + database), "DB_USER", Databases.USER, "DB_PASSWORD", ""));
            }
            Databases.recreate("bench_baseline");
            baseline = Databases.dataSource("bench_baseline");
        }
        // Production-like JIT for measuring (the launcher's default stops at C1 for a quick start).
        Stack.Config config = Stack.Config.freePorts(root, dataDir).withExtraEnv(env).withJvmOptions(jvmOptions);

        String machine = machine(baseline);
        List<Measurement> all = new ArrayList<>();
        Instant began = Instant.now();
        try (Stack stack = Stack.start(config, line -> System.out.println("[stack] " + line))) {
            all.add(Measurement.plain("start-up", "launcher to all-healthy (" + (h2 ? "H2" : "PostgreSQL") + ")", Duration.between(began, Instant.now()).toMillis() / 1000.0, " s", "printed"));
            all.add(Measurement.plain("start-up", "RSS of the stack (broker + 5 services)", rssMegabytes(stack.pids().values()), " MB", "printed"));
            String registration = stack.url("registration-service");
            String ticketing = stack.url("ticketing-service");
            String checkin = stack.url("checkin-service");
            String reporting = stack.url("reporting-service");
            Http.useSecret(config.credentials().serviceTokenSecret());
            System.out.println("preparing tickets…");
            ScanScenario.Tickets door = ScanScenario.prepare(registration, ticketing, "bench-door", 300);
            ScanScenario.Tickets dashboard = selected == null || selected.contains("dashboard")
                    ? ScanScenario.prepare(registration, ticketing, "bench-dash", 20 * runs)
                    : null;
            ScanScenario.awaitCheckpoint(checkin, door);
            Duration step = Duration.ofSeconds(stepSeconds);
            for (int run = 0; run < runs; run++) {
                System.out.printf("run %d of %d%n", run + 1, runs);
                all.addAll(step(selected, "registrations", () -> RegistrationScenario.run(registration, baseline)));
                all.addAll(step(selected, "scans", () -> ScanScenario.run(checkin, door, baseline, step)));
                if (dashboard != null) {
                    int from = run * 20;
                    ScanScenario.Tickets slice = new ScanScenario.Tickets(dashboard.eventId(), dashboard.checkpointId(),
                            dashboard.codes().subList(from, from + 20));
                    all.addAll(step(selected, "dashboard", () -> DashboardScenario.run(checkin, reporting, slice, 20, stack.broker())));
                }
                all.addAll(step(selected, "fold", () -> List.of(DashboardScenario.foldRate(reporting, stack.broker(), 5_000))));
                all.addAll(step(selected, "outbox", () -> OutboxScenario.run(baseline, stack.broker())));
                all.addAll(step(selected, "issuance", () -> IssuanceScenario.run(root, benchJar)));
            }
        } finally {
            if (!h2) {
                SERVICE_DATABASES.forEach(database -> Databases.drop("bench_" + database));
                Databases.drop("bench_baseline");
            }
        }
        List<Report.Row> rows = Report.fold(all);
        Report.write(out, rows, machine, runs);
        rows.forEach(row -> System.out.printf("%-32s %-62s %12s %s%n", row.scenario(), row.figure(),
                Report.number(row.median(row.values())) + row.unit(),
                row.ratios().isEmpty() ? "" : "ratio " + Report.number(row.median(row.ratios()))));
        System.out.println("written: " + out + "/benchmarks.md, benchmarks.csv, benchmarks-*.png");
    }

    interface Step {
        List<Measurement> run() throws Exception;
    }

    /** Runs one scenario (unless {@code --only} left it out); a failure is printed and recorded, and the other scenarios still run. */
    private static List<Measurement> step(Set<String> selected, String name, Step step) {
        if (selected != null && !selected.contains(name)) {
            return List.of();
        }
        try {
            return step.run();
        } catch (Exception | AssertionError e) {
            System.err.println("scenario " + name + " failed: " + e);
            return List.of(Measurement.plain(name, "FAILED: " + e.getMessage(), Double.NaN, "", ""));
        }
    }

    static void pause() {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }

    private static double rssMegabytes(Iterable<Long> pids) {
        long kb = 0;
        for (long pid : pids) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        kb += Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // not Linux
            }
        }
        return kb / 1024.0;
    }

    private static String machine(DataSource baseline) {
        String postgres;
        try (Connection connection = baseline.getConnection()) {
            var meta = connection.getMetaData();
            postgres = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        } catch (SQLException e) {
            postgres = "the database";
        }
        long memoryKb = 0;
        try {
            memoryKb = Long.parseLong(Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("[^0-9]", ""));
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return String.format("Machine: %d cores, %d GB RAM, %s %s, Java %s; %s on the same host; load generator on the same host; run %s.",
                Runtime.getRuntime().availableProcessors(), memoryKb / 1024 / 1024, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"), postgres, Instant.now());
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("services")) && Files.isDirectory(dir.resolve("deploy")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run from inside the Entrada repository");
        }
        return dir;
    }

    private Bench() {
    }
}
