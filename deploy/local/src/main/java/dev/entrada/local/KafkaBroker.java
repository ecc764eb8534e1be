package dev.entrada.local;

import dev.entrada.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker + controller, one node), run as a
 * child JVM from the Kafka jars on this module's classpath — no Docker, no download. Its storage
 * is formatted only the first time, so a restart on the same folder keeps every topic and offset.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final ChildProcess process;
    private final String bootstrapServers;

    private KafkaBroker(ChildProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
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
     * Starts the broker and waits until it answers. Formats {@code dataDir} first if it holds no
     * Kafka storage yet.
     */
    public static KafkaBroker start(Path dataDir, int port, int controllerPort, Path logFile) {
        try {
            Path logDirs = dataDir.resolve("kafka-logs");
            Files.createDirectories(logDirs);
            Path config = dataDir.resolve("server.properties");
            writeConfig(config, logDirs, port, controllerPort);
            Path log4j = dataDir.resolve("log4j2.properties");
            Files.writeString(log4j, String.join("\n",
                    "rootLogger.level=WARN", "rootLogger.appenderRef.out.ref=out",
                    "appender.out.type=Console", "appender.out.name=out",
                    "appender.out.layout.type=PatternLayout", "appender.out.layout.pattern=%d %p %c{1} %m%n",
                    "logger.kafka.name=kafka.server.KafkaRaftServer", "logger.kafka.level=INFO", ""));
            // Whichever logging binding the classpath has (log4j2 for the launcher, logback in the
            // services' tests) logs the broker at WARN, plus its start-up line.
            Path logback = dataDir.resolve("logback.xml");
            Files.writeString(logback, """
                    <configuration>
                      <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d %level %logger{0} %msg%n</pattern></encoder>
                      </appender>
                      <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                      <root level="WARN"><appender-ref ref="out"/></root>
                    </configuration>
                    """);
            List<String> jvm = List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dlog4j2.configurationFile=" + log4j.toUri(), "-Dlogback.configurationFile=" + logback);
            if (!Files.exists(logDirs.resolve("meta.properties"))) {
                List<String> format = new ArrayList<>(List.of("kafka.tools.StorageTool", "format",
                        "-t", clusterId(), "-c", config.toString()));
                int exit = ChildProcess.java("kafka-format", jvm, format, Map.of(), logFile).waitFor(Duration.ofSeconds(60));
                if (exit != 0) {
                    throw new IllegalStateException("formatting Kafka storage failed (exit " + exit + "); see " + logFile);
                }
            }
            ChildProcess process = ChildProcess.java("kafka", jvm, List.of("kafka.Kafka", config.toString()), Map.of(), logFile);
            KafkaBroker broker = new KafkaBroker(process, "127.0.0.1:" + port);
            broker.awaitReady();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String clusterId() {
        // Kafka cluster ids are 16 random bytes in URL-safe base64 without padding.
        UUID uuid = UUID.randomUUID();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    private static void writeConfig(Path config, Path logDirs, int port, int controllerPort) throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDirs.toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "3");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "false");
        try (var out = Files.newBufferedWriter(config)) {
            p.store(out, "Entrada local broker: written at every start");
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited during start-up (exit " + process.exitValue()
                        + "); see " + process.logFile());
            }
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = e;
            }
        }
        process.close();
        throw new IllegalStateException("Kafka broker did not answer within " + START_TIMEOUT.toSeconds()
                + " s (" + last + "); see " + process.logFile());
    }

    /** Creates every Entrada topic and its dead-letter topic; existing topics are left as they are. */
    public void createEntradaTopics(int partitions) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : Topics.ALL) {
            NewTopic topic = new NewTopic(name, partitions, (short) 1);
            if (Topics.COMPACTED.contains(name)) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            topics.add(topic);
            topics.add(new NewTopic(Topics.deadLetter(name), partitions, (short) 1));
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

    public Set<String> topicNames() throws Exception {
        try (Admin admin = admin()) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path logFile() {
        return process.logFile();
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the broker; stop its clients first, or their close waits for it. */
    @Override
    public void close() {
        process.close();
    }
}
