package dev.entrada.local;

import dev.entrada.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker + controller), run as child JVMs from the
 * Kafka jars on this module's classpath — no Docker, no download. One node by default; {@link
 * #startCluster} runs three (replication 3, min ISR 2) to prove what the design promises when a broker
 * dies. Storage is formatted only the first time, so a restart on the same folder keeps every topic and
 * offset.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /** One KRaft node: its id, client and controller ports, storage folder and log. */
    public record Node(int id, int port, int controllerPort, Path dir, Path logFile) {
    }

    private final List<Node> nodes;
    private final ChildProcess[] processes;
    private final String voters;
    private final String clusterId;

    private KafkaBroker(List<Node> nodes, String clusterId) {
        this.nodes = nodes;
        this.processes = new ChildProcess[nodes.size()];
        this.clusterId = clusterId;
        this.voters = String.join(",", nodes.stream().map(n -> n.id() + "@127.0.0.1:" + n.controllerPort()).toList());
    }

    /** A broker for one test class: fresh temporary folder, free ports, every Entrada topic created. */
    public static KafkaBroker startForTests() {
        try {
            Path dir = Files.createTempDirectory("entrada-kafka-");
            KafkaBroker broker = start(dir, Ports.free(), Ports.free(), dir.resolve("kafka.log"));
            broker.createEntradaTopics(1);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a single-node broker and waits until it answers. Formats {@code dataDir} first if it holds
     * no Kafka storage yet.
     */
    public static KafkaBroker start(Path dataDir, int port, int controllerPort, Path logFile) {
        return start(List.of(new Node(1, port, controllerPort, dataDir, logFile)), dataDir);
    }

    /** Three nodes on free ports under {@code dataDir/node-<id>}, logs in {@code logsDir}. */
    public static KafkaBroker startCluster(Path dataDir, Path logsDir) {
        List<Node> nodes = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            nodes.add(new Node(id, Ports.free(), Ports.free(), dataDir.resolve("node-" + id), logsDir.resolve("kafka-" + id + ".log")));
        }
        return start(nodes, dataDir);
    }

    private static KafkaBroker start(List<Node> nodes, Path dataDir) {
        KafkaBroker broker = new KafkaBroker(nodes, clusterId(dataDir));
        try {
            for (int i = 0; i < nodes.size(); i++) {
                broker.format(i);
            }
            for (int i = 0; i < nodes.size(); i++) {
                broker.launch(i);
            }
            broker.awaitReady(nodes.size());
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** The cluster id, kept beside the storage so that every node and every restart agree on it. */
    private static String clusterId(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve("cluster-id");
            Path legacyMeta = dataDir.resolve("kafka-logs").resolve("meta.properties");
            if (Files.isRegularFile(file)) {
                return Files.readString(file).trim();
            }
            String id;
            if (Files.isRegularFile(legacyMeta)) {
                Properties meta = new Properties();
                try (var in = Files.newBufferedReader(legacyMeta)) {
                    meta.load(in);
                }
                id = meta.getProperty("cluster.id");
            } else {
                // Kafka's own generator: never an id starting with '-', which the storage tool's
                // argument parser would take for an option (1 random id in 64 did, failing CI).
                id = Uuid.randomUuid().toString();
            }
            Files.writeString(file, id + "\n");
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> jvmOptions(Node node) throws IOException {
        Path log4j = node.dir().resolve("log4j2.properties");
        Files.writeString(log4j, String.join("\n",
                "rootLogger.level=WARN", "rootLogger.appenderRef.out.ref=out",
                "appender.out.type=Console", "appender.out.name=out",
                "appender.out.layout.type=PatternLayout", "appender.out.layout.pattern=%d %p %c{1} %m%n",
                "logger.kafka.name=kafka.server.KafkaRaftServer", "logger.kafka.level=INFO", ""));
        // Whichever logging binding the classpath has (log4j2 for the launcher, logback in the
        // services' tests) logs the broker at WARN, plus its start-up line.
        Path logback = node.dir().resolve("logback.xml");
        Files.writeString(logback, """
                <configuration>
                  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d %level %logger{0} %msg%n</pattern></encoder>
                  </appender>
                  <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                  <root level="WARN"><appender-ref ref="out"/></root>
                </configuration>
                """);
        return List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + log4j.toUri(), "-Dlogback.configurationFile=" + logback);
    }

    private Path writeConfig(Node node) throws IOException {
        Path logDirs = node.dir().resolve("kafka-logs");
        Files.createDirectories(logDirs);
        int replication = Math.min(3, nodes.size());
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", String.valueOf(node.id()));
        p.setProperty("controller.quorum.voters", voters);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + node.port() + ",CONTROLLER://127.0.0.1:" + node.controllerPort());
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + node.port());
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDirs.toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("default.replication.factor", String.valueOf(replication));
        p.setProperty("min.insync.replicas", String.valueOf(replication > 1 ? 2 : 1));
        p.setProperty("offsets.topic.replication.factor", String.valueOf(replication));
        p.setProperty("offsets.topic.num.partitions", "3");
        p.setProperty("transaction.state.log.replication.factor", String.valueOf(replication));
        p.setProperty("transaction.state.log.min.isr", String.valueOf(replication > 1 ? 2 : 1));
        p.setProperty("share.coordinator.state.topic.replication.factor", String.valueOf(replication));
        p.setProperty("share.coordinator.state.topic.min.isr", String.valueOf(replication > 1 ? 2 : 1));
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "false");
        Path config = node.dir().resolve("server.properties");
        try (var out = Files.newBufferedWriter(config)) {
            p.store(out, "Entrada local broker: written at every start");
        }
        return config;
    }

    private void format(int index) {
        Node node = nodes.get(index);
        try {
            Path config = writeConfig(node);
            if (!Files.exists(node.dir().resolve("kafka-logs").resolve("meta.properties"))) {
                int exit = ChildProcess.java("kafka-format-" + node.id(), jvmOptions(node),
                        List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString()),
                        Map.of(), node.logFile()).waitFor(Duration.ofSeconds(60));
                if (exit != 0) {
                    throw new IllegalStateException("formatting Kafka storage failed (exit " + exit + "); see " + node.logFile());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch(int index) {
        Node node = nodes.get(index);
        try {
            processes[index] = ChildProcess.java("kafka-" + node.id(), jvmOptions(node),
                    List.of("kafka.Kafka", node.dir().resolve("server.properties").toString()), Map.of(), node.logFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(int expectedNodes) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            for (int i = 0; i < processes.length; i++) {
                if (processes[i] != null && !processes[i].isAlive()) {
                    throw new IllegalStateException("Kafka node " + nodes.get(i).id() + " exited during start-up (exit "
                            + processes[i].exitValue() + "); see " + nodes.get(i).logFile());
                }
            }
            try (Admin admin = admin()) {
                if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= expectedNodes) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
        }
        throw new IllegalStateException("Kafka did not answer within " + START_TIMEOUT.toSeconds()
                + " s (" + last + "); see " + nodes.get(0).logFile());
    }

    /** Kills one node at once, as a crash would (no clean shutdown). */
    public void crash(int nodeId) {
        processes[nodeId - 1].kill();
    }

    /** Starts a node that was crashed, on the same storage and ports, and waits until the cluster has it back. */
    public void restart(int nodeId) {
        launch(nodeId - 1);
        awaitReady(nodes.size());
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** Creates every Entrada topic and its dead-letter topic; existing topics are left as they are. */
    public void createEntradaTopics(int partitions) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : Topics.ALL) {
            NewTopic topic = new NewTopic(name, partitions, replication());
            NewTopic deadLetter = new NewTopic(Topics.deadLetter(name), partitions, replication());
            if (Topics.COMPACTED.contains(name)) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            if (Topics.PERSONAL.contains(name)) {
                // Retention deletes whole closed segments only: daily segments let records age out on time.
                Map<String, String> retention = Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Topics.PERSONAL_RETENTION_MS),
                        TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(Duration.ofDays(1).toMillis()));
                topic.configs(retention);
                deadLetter.configs(retention);
            }
            topics.add(topic);
            topics.add(deadLetter);
        }
        createTopics(topics);
    }

    public void createTopics(List<NewTopic> topics) {
        try (Admin admin = admin()) {
            for (var result : admin.createTopics(topics).values().values()) {
                try {
                    result.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic: " + e.getCause(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("creating topics timed out", e);
        }
    }

    private short replication() {
        return (short) Math.min(3, nodes.size());
    }

    public Set<String> topicNames() throws Exception {
        try (Admin admin = admin()) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    public String bootstrapServers() {
        return String.join(",", nodes.stream().map(n -> "127.0.0.1:" + n.port()).toList());
    }

    public Path logFile() {
        return nodes.get(0).logFile();
    }

    /** Process id of the first node (the only one, unless this is a cluster). */
    public long pid() {
        return processes[0].pid();
    }

    /** Stops every node; stop their clients first, or the clients' close waits for them. */
    @Override
    public void close() {
        java.util.Arrays.stream(processes).filter(java.util.Objects::nonNull).parallel().forEach(ChildProcess::close);
    }
}
