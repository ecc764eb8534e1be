package dev.entrada.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole system on one machine: a real Kafka broker and every service as its own JVM, all data
 * under one folder. Used by the launcher and, the same way, by the system tests.
 */
public final class Stack implements AutoCloseable {

    /** One service of the stack: its jar is {@code services/<name>/target/<name>.jar}. */
    public record Service(String name, int defaultPort, String healthPath) {
    }

    /** Start order: the gateway last, so that when it is healthy everything behind it is too. */
    public static final List<Service> SERVICES = List.of(
            new Service("registration-service", 8081, "/actuator/health"),
            new Service("ticketing-service", 8082, "/actuator/health"),
            new Service("checkin-service", 8083, "/health"),
            new Service("reporting-service", 8084, "/health"),
            new Service("api-gateway", 8080, "/actuator/health"));

    public static final String GATEWAY = "api-gateway";
    /**
     * The gateway's actuator port ({@code MANAGEMENT_PORT}: {@code /actuator/prometheus}), kept off its public
     * port; a key of {@link Config#ports()} beside the services. The other services' metrics are on their own
     * port, which is internal.
     */
    public static final String GATEWAY_MANAGEMENT = "api-gateway-management";
    static final int GATEWAY_MANAGEMENT_PORT = 8090;
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(180);

    /**
     * @param root        the repository root (where {@code services/} is)
     * @param dataDir     databases, Kafka storage and logs
     * @param ports       service name → HTTP port
     * @param extraEnv    service name → additional environment (e.g. a PostgreSQL {@code DB_URL})
     * @param jvmOptions  options for every service JVM
     * @param credentials the caller-token secret and the organiser and staff passwords
     * @param topology    how many Kafka nodes and service instances
     */
    public record Config(Path root, Path dataDir, int kafkaPort, int controllerPort, Map<String, Integer> ports,
                         Map<String, Map<String, String>> extraEnv, List<String> jvmOptions, Credentials credentials,
                         Topology topology) {

        /** The well-known ports: gateway 8080, services 8081-8084, Kafka 9092 (controller 9093). */
        public static Config defaults(Path root, Path dataDir) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            SERVICES.forEach(s -> ports.put(s.name(), s.defaultPort()));
            ports.put(GATEWAY_MANAGEMENT, GATEWAY_MANAGEMENT_PORT);
            return new Config(root, dataDir, 9092, 9093, ports, Map.of(), defaultJvmOptions(), Credentials.of(dataDir),
                    Topology.SINGLE);
        }

        /** Free ports chosen now: for tests, so that runs never collide. */
        public static Config freePorts(Path root, Path dataDir) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            SERVICES.forEach(s -> ports.put(s.name(), Ports.free()));
            ports.put(GATEWAY_MANAGEMENT, Ports.free());
            return new Config(root, dataDir, Ports.free(), Ports.free(), ports, Map.of(), defaultJvmOptions(), Credentials.random(),
                    Topology.SINGLE);
        }

        public Config withExtraEnv(Map<String, Map<String, String>> env) {
            return new Config(root, dataDir, kafkaPort, controllerPort, ports, env, jvmOptions, credentials, topology);
        }

        public Config withJvmOptions(List<String> options) {
            return new Config(root, dataDir, kafkaPort, controllerPort, ports, extraEnv, options, credentials, topology);
        }

        public Config withTopology(Topology layout) {
            return new Config(root, dataDir, kafkaPort, controllerPort, ports, extraEnv, jvmOptions, credentials, layout);
        }

        private static List<String> defaultJvmOptions() {
            String fromEnv = System.getenv("ENTRADA_JAVA_OPTS");
            if (fromEnv != null && !fromEnv.isBlank()) {
                return List.of(fromEnv.trim().split("\\s+"));
            }
            // A laptop-sized stack: small heaps, quick start-up.
            return List.of("-Xms64m", "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");
        }
    }

    /**
     * How many Kafka nodes (1, or 3 with replication 3 and min ISR 2) and how many instances of each
     * service (default 1). Instances of one service share its database: give them PostgreSQL.
     */
    public record Topology(int kafkaNodes, Map<String, Integer> instances) {
        public static final Topology SINGLE = new Topology(1, Map.of());

        int instancesOf(String service) {
            return instances.getOrDefault(service, 1);
        }
    }

    /** Start-up failed; the message says what and where to look. */
    public static final class StartFailure extends RuntimeException {
        public StartFailure(String message) {
            super(message);
        }
    }

    private final Config config;
    private final KafkaBroker broker;
    private final Map<String, ChildProcess> processes;
    private final Map<String, Integer> instancePorts;

    private Stack(Config config, KafkaBroker broker, Map<String, ChildProcess> processes, Map<String, Integer> instancePorts) {
        this.config = config;
        this.broker = broker;
        this.processes = processes;
        this.instancePorts = instancePorts;
    }

    public static Stack start(Config config, Consumer<String> progress) {
        checkPortsFree(config);
        Path logs = config.dataDir().resolve("logs");
        for (Service service : SERVICES) {
            Path jar = jar(config, service);
            if (!Files.isRegularFile(jar)) {
                throw new StartFailure("missing " + jar + " — build first: ./mvnw -DskipTests package");
            }
        }
        Instant began = Instant.now();
        progress.accept(config.topology().kafkaNodes() > 1 ? "starting a 3-node Kafka cluster (KRaft)"
                : "starting Kafka broker (KRaft) on 127.0.0.1:" + config.kafkaPort());
        KafkaBroker broker;
        try {
            broker = config.topology().kafkaNodes() > 1
                    ? KafkaBroker.startCluster(config.dataDir().resolve("kafka"), logs)
                    : KafkaBroker.start(config.dataDir().resolve("kafka"), config.kafkaPort(), config.controllerPort(),
                    logs.resolve("kafka.log"));
            broker.createEntradaTopics(3);
        } catch (RuntimeException e) {
            throw new StartFailure("Kafka broker did not start: " + e.getMessage());
        }
        progress.accept("Kafka ready after " + Duration.between(began, Instant.now()).toMillis() + " ms; starting services");
        Map<String, ChildProcess> processes = new LinkedHashMap<>();
        Map<String, Integer> instancePorts = new LinkedHashMap<>();
        Stack stack = new Stack(config, broker, processes, instancePorts);
        try {
            for (Service service : SERVICES) {
                for (int i = 1; i <= config.topology().instancesOf(service.name()); i++) {
                    String instance = i == 1 ? service.name() : service.name() + "-" + i;
                    int port = i == 1 ? config.ports().get(service.name()) : Ports.free();
                    instancePorts.put(instance, port);
                    processes.put(instance, ChildProcess.jar(instance, config.jvmOptions(), jar(config, service),
                            config.dataDir().resolve("launcher"), stack.environment(config, service, port), logs.resolve(instance + ".log")));
                }
            }
            for (Service service : SERVICES) {
                for (String instance : stack.instances(service.name())) {
                    stack.awaitHealthy(service, instance);
                    progress.accept(String.format("  %-21s up on %s (%d ms)", instance, stack.instanceUrl(instance),
                            Duration.between(began, Instant.now()).toMillis()));
                }
            }
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private static Path jar(Config config, Service service) {
        return config.root().resolve("services").resolve(service.name()).resolve("target").resolve(service.name() + ".jar");
    }

    private static void checkPortsFree(Config config) {
        Map<Integer, String> wanted = new LinkedHashMap<>();
        wanted.put(config.kafkaPort(), "Kafka broker");
        wanted.put(config.controllerPort(), "Kafka controller");
        config.ports().forEach((name, port) -> wanted.put(port, name));
        List<String> taken = new ArrayList<>();
        wanted.forEach((port, what) -> {
            if (!Ports.isFree(port)) {
                taken.add("port " + port + " (" + what + ")");
            }
        });
        if (!taken.isEmpty()) {
            throw new StartFailure("already in use: " + String.join(", ", taken)
                    + ". Is another Entrada (or another program) running? Stop it, then try again.");
        }
    }

    private Map<String, String> environment(Config config, Service service, int port) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", String.valueOf(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("ENTRADA_DATA_DIR", config.dataDir().toAbsolutePath().toString());
        env.putAll(config.credentials().environment(service.name().equals(GATEWAY)));
        if (service.name().equals(GATEWAY)) {
            Integer management = config.ports().get(GATEWAY_MANAGEMENT);
            env.put("MANAGEMENT_PORT", String.valueOf(management != null && port == config.ports().get(GATEWAY) ? management : Ports.free()));
            env.putAll(backends());
        }
        env.putAll(config.extraEnv().getOrDefault(service.name(), Map.of()));
        return env;
    }

    /**
     * Where the gateway finds each service: one URL per service, or, for a service with several
     * instances, {@code lb://<service>} and the instances' URLs as Spring Cloud's simple discovery list,
     * so the gateway balances across them and steps around one that is down.
     */
    private Map<String, String> backends() {
        Map<String, String> env = new HashMap<>();
        StringBuilder discovery = new StringBuilder();
        for (Service backend : SERVICES) {
            if (backend.name().equals(GATEWAY)) {
                continue;
            }
            String variable = backend.name().substring(0, backend.name().indexOf('-')).toUpperCase() + "_URL";
            List<String> instances = instances(backend.name());
            if (instances.size() == 1) {
                env.put(variable, instanceUrl(instances.get(0)));
                continue;
            }
            env.put(variable, "lb://" + backend.name());
            discovery.append(discovery.isEmpty() ? "" : ",").append('"').append(backend.name()).append("\":[")
                    .append(String.join(",", instances.stream().map(i -> "{\"uri\":\"" + instanceUrl(i) + "\"}").toList()))
                    .append(']');
        }
        if (!discovery.isEmpty()) {
            env.put("SPRING_APPLICATION_JSON", "{\"spring.cloud.discovery.client.simple.instances\":{" + discovery + "}}");
        }
        return env;
    }

    private void awaitHealthy(Service service, String instance) {
        ChildProcess process = processes.get(instance);
        URI health = URI.create(instanceUrl(instance) + service.healthPath());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(HEALTH_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new StartFailure(instance + " exited during start-up (exit " + process.exitValue() + "); see "
                        + process.logFile() + "\n" + tail(process.logFile()));
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartFailure("interrupted while waiting for " + instance);
            }
            pause();
        }
        throw new StartFailure(instance + " was not healthy within " + HEALTH_TIMEOUT.toSeconds() + " s at " + health
                + "; see " + process.logFile() + "\n" + tail(process.logFile()));
    }

    private static void pause() {
        try {
            Thread.sleep(250); // polling a child process's health endpoint, not a test
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ")";
        }
    }

    /** The first (or only) instance of a service. */
    public String url(String service) {
        return instanceUrl(service);
    }

    /** An instance by name: {@code checkin-service}, {@code checkin-service-2}, … */
    public String instanceUrl(String instance) {
        return "http://127.0.0.1:" + instancePorts.get(instance);
    }

    /** Names of every running or crashed instance of a service, first one first. */
    public List<String> instances(String service) {
        return instancePorts.keySet().stream().filter(name -> name.equals(service) || name.startsWith(service + "-")).toList();
    }

    /** Ends one service instance at once (SIGKILL), as a crash would. */
    public void crash(String instance) {
        processes.get(instance).kill();
    }

    public String gatewayUrl() {
        return url(GATEWAY);
    }

    public KafkaBroker broker() {
        return broker;
    }

    public Config config() {
        return config;
    }

    /** Process ids of the broker and every service, for measuring and for fault tests. */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("kafka", broker.pid());
        processes.forEach((name, process) -> pids.put(name, process.pid()));
        return pids;
    }

    /** Stops the services (gateway first), then the broker: clients before the broker, or they hang on close. */
    @Override
    public void close() {
        List<ChildProcess> reversed = new ArrayList<>(processes.values());
        java.util.Collections.reverse(reversed);
        reversed.parallelStream().forEach(ChildProcess::close);
        broker.close();
    }
}
