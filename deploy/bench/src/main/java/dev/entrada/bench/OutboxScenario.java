package dev.entrada.bench;

import dev.entrada.contracts.EventHeaders;
import dev.entrada.local.KafkaBroker;
import dev.entrada.outbox.Outbox;
import dev.entrada.outbox.OutboxRelay;
import io.opentelemetry.api.OpenTelemetry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The outbox relay draining committed rows to Kafka, against the raw producer it wraps (acks=all,
 * idempotent) sending the same records, on the same broker and database in the same run.
 */
final class OutboxScenario {
    static final String NAME = "outbox relay";
    private static final int EVENTS = 20_000;

    static List<Measurement> run(DataSource dataSource, KafkaBroker broker) throws Exception {
        String topic = "bench-outbox-" + UUID.randomUUID().toString().substring(0, 8);
        broker.createTopics(List.of(new NewTopic(topic, 3, (short) 1)));
        String payload = "{\"ticketId\":\"" + UUID.randomUUID() + "\",\"eventId\":\"b2b-industrial-2017\",\"checkpointId\":\"entrance\"}";
        try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("DROP TABLE IF EXISTS outbox");
            ddl.execute(Outbox.TABLE_DDL);
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(Outbox.INSERT_SQL)) {
                for (int i = 0; i < EVENTS; i++) {
                    Object[] row = new Outbox.Entry(UUID.randomUUID().toString(), topic, "key-" + (i % 500), "AttendeeCheckedIn",
                            payload, Instant.now(), null, null).parameters();
                    for (int p = 0; p < row.length; p++) {
                        insert.setObject(p + 1, row[p]);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        }
        long start = System.nanoTime();
        try (OutboxRelay relay = new OutboxRelay(dataSource, broker.bootstrapServers(), "bench", OpenTelemetry.noop()).start()) {
            relay.wakeUp();
            while (relay.pendingCount() > 0) {
                Bench.pause();
            }
        }
        double relayed = EVENTS / ((System.nanoTime() - start) / 1e9);
        double raw = rawProducer(broker, topic, payload);
        return List.of(Measurement.ratio(NAME, "events/s to Kafka", relayed, "/s", "raw producer (acks=all, idempotent)", raw, "≥ 0.1"));
    }

    private static double rawProducer(KafkaBroker broker, String topic, String payload) throws SQLException {
        long start = System.nanoTime();
        try (var producer = new KafkaProducer<String, String>(OutboxRelay.producerConfig(broker.bootstrapServers(), "bench-raw"))) {
            for (int i = 0; i < EVENTS; i++) {
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, "key-" + (i % 500), payload);
                record.headers().add(EventHeaders.EVENT_TYPE, "AttendeeCheckedIn".getBytes(StandardCharsets.UTF_8));
                record.headers().add(EventHeaders.EVENT_ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }
        return EVENTS / ((System.nanoTime() - start) / 1e9);
    }

    private OutboxScenario() {
    }
}
