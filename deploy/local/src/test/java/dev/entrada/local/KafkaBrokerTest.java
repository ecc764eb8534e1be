package dev.entrada.local;

import dev.entrada.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTest {

    @Test
    void brokerCarriesRecordsAndKeepsThemAcrossARestartOnTheSameFolder(@TempDir Path dir) throws Exception {
        int port = Ports.free();
        int controllerPort = Ports.free();
        try (KafkaBroker broker = KafkaBroker.start(dir, port, controllerPort, dir.resolve("kafka.log"))) {
            broker.createEntradaTopics(3);
            assertThat(broker.topicNames()).containsAll(Topics.ALL).contains("ticket-events-dlt");
            try (var admin = broker.admin()) {
                var resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.SIGNING_KEYS);
                var config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
                assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
                for (String personal : List.of(Topics.REGISTRATION_EVENTS, Topics.deadLetter(Topics.CHECKIN_EVENTS))) {
                    var topic = new ConfigResource(ConfigResource.Type.TOPIC, personal);
                    var retention = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
                    assertThat(retention.get("retention.ms").value()).as(personal).isEqualTo(String.valueOf(Topics.PERSONAL_RETENTION_MS));
                }
            }
            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                producer.send(new ProducerRecord<>(Topics.TICKET_EVENTS, "t-1", "hello")).get(30, TimeUnit.SECONDS);
            }
        }

        try (KafkaBroker restarted = KafkaBroker.start(dir, port, controllerPort, dir.resolve("kafka.log"))) {
            assertThat(readAll(restarted, Topics.TICKET_EVENTS)).containsExactly("hello");
        }
    }

    @Test
    void aThreeNodeClusterKeepsAcceptingAcknowledgedWritesWithOneNodeDown(@TempDir Path dir) throws Exception {
        try (KafkaBroker cluster = KafkaBroker.startCluster(dir, dir.resolve("logs"))) {
            cluster.createEntradaTopics(3);
            try (var admin = cluster.admin()) {
                var description = admin.describeTopics(List.of(Topics.CHECKIN_EVENTS)).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get(Topics.CHECKIN_EVENTS);
                assertThat(description.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
                var resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CHECKIN_EVENTS);
                assertThat(admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                        .get("min.insync.replicas").value()).isEqualTo("2");
            }

            cluster.crash(2);
            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                for (int i = 0; i < 20; i++) {
                    producer.send(new ProducerRecord<>(Topics.CHECKIN_EVENTS, "t-" + i, "scan-" + i)).get(60, TimeUnit.SECONDS);
                }
            }
            cluster.restart(2);

            assertThat(readAll(cluster, Topics.CHECKIN_EVENTS)).hasSize(20);
        }
    }

    private static List<String> readAll(KafkaBroker broker, String topic) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int quietPolls = 0;
            while (System.nanoTime() < deadline && (values.isEmpty() || quietPolls < 4)) {
                int before = values.size();
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
                quietPolls = values.size() == before ? quietPolls + 1 : 0;
            }
        }
        return values;
    }
}
