package dev.entrada.outbox;

import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.TraceContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * Publishes committed outbox rows to Kafka in insertion order, then marks them published. Runs on
 * one daemon thread; {@link #wakeUp()} after a commit makes the event leave at once instead of at
 * the next poll. If Kafka is unreachable the rows stay and are retried; a row is marked only after
 * the broker acknowledged it ({@code acks=all}, idempotent producer). A crash between the
 * acknowledgement and the mark re-sends the row: consumers deduplicate on the {@code event-id}
 * header, so delivery is effectively once.
 *
 * <p>A row written inside a trace is published in a PRODUCER span of that trace, whose context travels as
 * the {@code traceparent} header (see {@link TraceContext}).
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Rows read, sent and marked together: one SELECT and one UPDATE for up to this many events. */
    static final int BATCH = 1000;
    private static final Duration KEEP_PUBLISHED = Duration.ofDays(7);

    private final DataSource dataSource;
    private final Producer<String, String> producer;
    private final OpenTelemetry openTelemetry;
    private final Duration pollInterval;
    private final Object signal = new Object();
    private final Thread thread;
    private volatile boolean running = true;
    private boolean wakeRequested;
    private Instant lastCleanup = Instant.EPOCH;

    /** @param openTelemetry the service's tracing (its framework's SDK) */
    public OutboxRelay(DataSource dataSource, String bootstrapServers, String clientId, OpenTelemetry openTelemetry) {
        this(dataSource, new KafkaProducer<>(producerConfig(bootstrapServers, clientId)), openTelemetry, Duration.ofMillis(500));
    }

    OutboxRelay(DataSource dataSource, Producer<String, String> producer, OpenTelemetry openTelemetry, Duration pollInterval) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.openTelemetry = openTelemetry;
        this.pollInterval = pollInterval;
        this.thread = new Thread(this::run, "outbox-relay");
        this.thread.setDaemon(true);
    }

    public static Map<String, Object> producerConfig(String bootstrapServers, String clientId) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId + "-outbox",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    }

    public OutboxRelay start() {
        thread.start();
        return this;
    }

    /** Ask the relay to look for new rows now (call after a transaction that wrote some committed). */
    public void wakeUp() {
        synchronized (signal) {
            wakeRequested = true;
            signal.notifyAll();
        }
    }

    private void run() {
        while (running) {
            int published;
            try {
                published = publishPending();
                cleanUpOccasionally();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
                return;
            } catch (Exception e) {
                log.warn("outbox relay: {}; retrying", e.toString());
                published = 0;
            }
            if (published == 0) {
                awaitSignal();
            }
        }
    }

    private void awaitSignal() {
        synchronized (signal) {
            if (!wakeRequested && running) {
                try {
                    signal.wait(pollInterval.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            wakeRequested = false;
        }
    }

    /** Publishes one batch of pending rows; returns how many were published. */
    int publishPending() throws SQLException, InterruptedException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            List<Long> ids = new ArrayList<>();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            List<Span> spans = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, event_id, topic, record_key, event_type, payload, created_at, correlation_id, trace_parent FROM outbox"
                            + " WHERE published_at IS NULL ORDER BY id FETCH FIRST " + BATCH + " ROWS ONLY");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ProducerRecord<String, String> record = new ProducerRecord<>(
                            rows.getString("topic"), rows.getString("record_key"), rows.getString("payload"));
                    record.headers().add(EventHeaders.EVENT_TYPE, rows.getString("event_type").getBytes(StandardCharsets.UTF_8));
                    record.headers().add(EventHeaders.EVENT_ID, rows.getString("event_id").getBytes(StandardCharsets.UTF_8));
                    String correlationId = rows.getString("correlation_id");
                    if (correlationId != null) {
                        record.headers().add(EventHeaders.CORRELATION_ID, correlationId.getBytes(StandardCharsets.UTF_8));
                    }
                    Span span = TraceContext.startPublish(openTelemetry, record.topic(), rows.getString("trace_parent"),
                            rows.getTimestamp("created_at").toInstant());
                    String traceParent = span == null ? null : TraceContext.of(span);
                    if (traceParent != null) {
                        record.headers().add(EventHeaders.TRACEPARENT, traceParent.getBytes(StandardCharsets.UTF_8));
                    }
                    spans.add(span);
                    ids.add(rows.getLong("id"));
                    sends.add(producer.send(record));
                }
            }
            int acknowledged = 0;
            for (Future<RecordMetadata> send : sends) {
                try {
                    send.get(40, TimeUnit.SECONDS);
                    end(spans.get(acknowledged), null);
                    acknowledged++;
                } catch (ExecutionException | TimeoutException e) {
                    log.warn("outbox relay: publishing failed after {} of {} rows: {}", acknowledged, sends.size(), e.toString());
                    spans.subList(acknowledged, spans.size()).forEach(span -> end(span, e));
                    break;
                }
            }
            markPublished(connection, ids.subList(0, acknowledged));
            return acknowledged;
        }
    }

    /** Ends a row's publish span; a failed attempt ends in error (the row is retried in a span of its own). */
    private static void end(Span span, Exception failure) {
        if (span == null) {
            return;
        }
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    private static void markPublished(Connection connection, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE outbox SET published_at = ? WHERE id IN ("
                + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")")) {
            update.setTimestamp(1, Timestamp.from(Instant.now()));
            for (int i = 0; i < ids.size(); i++) {
                update.setLong(i + 2, ids.get(i));
            }
            update.executeUpdate();
        }
    }

    private void cleanUpOccasionally() throws SQLException {
        Instant now = Instant.now();
        if (Duration.between(lastCleanup, now).toHours() < 1) {
            return;
        }
        lastCleanup = now;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox WHERE published_at < ?")) {
            connection.setAutoCommit(true);
            delete.setTimestamp(1, Timestamp.from(now.minus(KEEP_PUBLISHED)));
            delete.executeUpdate();
        }
    }

    /** Rows not yet acknowledged by Kafka (for health and tests). */
    public long pendingCount() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL");
             ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * The outbox backlog for a metrics gauge ({@code entrada.outbox.backlog}): rows not yet acknowledged
     * by Kafka, or NaN while the database cannot be asked (a gauge must not throw).
     */
    public double backlog() {
        try {
            return pendingCount();
        } catch (SQLException e) {
            return Double.NaN;
        }
    }

    @Override
    public void close() {
        running = false;
        wakeUp();
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
