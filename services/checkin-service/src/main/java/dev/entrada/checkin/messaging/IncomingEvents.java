package dev.entrada.checkin.messaging;

import dev.entrada.contracts.DomainEvent;
import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.TraceContext;
import dev.entrada.contracts.EventTypes;
import dev.entrada.identity.CorrelationIds;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What every listener does with a record: read the headers, dispatch on the logical type, apply the
 * event at most once (its {@code event-id} goes into {@code processed_events} in the same
 * transaction as the effect) and park a record that can never be read instead of blocking the partition.
 */
@Singleton
public class IncomingEvents {
    private static final Logger log = LoggerFactory.getLogger(IncomingEvents.class);
    private static final int MAX_EVENT_ID_LENGTH = 100;

    private final JsonMapper json;
    private final TransactionOperations<Connection> transactions;
    private final JdbcOperations jdbc;
    private final DeadLetters deadLetters;
    private final OpenTelemetry openTelemetry;

    public IncomingEvents(JsonMapper json, TransactionOperations<Connection> transactions, JdbcOperations jdbc, DeadLetters deadLetters,
                          OpenTelemetry openTelemetry) {
        this.json = json;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.deadLetters = deadLetters;
        this.openTelemetry = openTelemetry;
    }

    public void consume(ConsumerRecord<String, String> record, Consumer<DomainEvent> handler) {
        // the producer's correlation id in the logs while this record is handled, and on what it emits; the
        // handling a span of the producer's trace
        String correlationId = CorrelationIds.accept(header(record, EventHeaders.CORRELATION_ID));
        try (MDC.MDCCloseable ignored = correlationId == null ? null : MDC.putCloseable(CorrelationIds.MDC_KEY, correlationId)) {
            TraceContext.consume(openTelemetry, record.topic(), header(record, EventHeaders.TRACEPARENT), () -> handle(record, handler));
        }
    }

    private void handle(ConsumerRecord<String, String> record, Consumer<DomainEvent> handler) {
        String typeName = header(record, EventHeaders.EVENT_TYPE);
        try {
            if (typeName == null) {
                throw new UnreadableEventException("no " + EventHeaders.EVENT_TYPE + " header");
            }
            Optional<EventTypes.EventType> type = EventTypes.byName(typeName);
            if (type.isEmpty()) {
                // Forward compatibility: a newer producer may emit types this build does not know.
                log.debug("skipping unknown event type {} on {}", typeName, record.topic());
                return;
            }
            if (!type.get().topic().equals(record.topic())) {
                throw new UnreadableEventException(typeName + " does not belong on " + record.topic());
            }
            String eventId = header(record, EventHeaders.EVENT_ID);
            if (eventId == null || eventId.isBlank() || eventId.length() > MAX_EVENT_ID_LENGTH) {
                throw new UnreadableEventException("missing or oversized " + EventHeaders.EVENT_ID + " header");
            }
            DomainEvent event = read(record.value(), type.get().type());
            transactions.executeWrite(status -> {
                if (markProcessed(eventId)) {
                    handler.accept(event);
                } else {
                    log.debug("event {} already processed", eventId);
                }
                return null;
            });
        } catch (UnreadableEventException e) {
            deadLetters.send(record, e.getMessage());
        }
    }

    private DomainEvent read(String value, Class<? extends DomainEvent> type) {
        if (value == null || value.isBlank()) {
            throw new UnreadableEventException("empty value");
        }
        try {
            DomainEvent event = json.readValue(value, type);
            if (event == null) {
                throw new UnreadableEventException("value is not a " + type.getSimpleName());
            }
            return event;
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadableEventException unreadable) {
                throw unreadable;
            }
            throw new UnreadableEventException("value is not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private boolean markProcessed(String eventId) {
        return jdbc.prepareStatement("INSERT INTO processed_events (event_id, processed_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                statement -> {
                    statement.setString(1, eventId);
                    statement.setTimestamp(2, Timestamp.from(Instant.now()));
                    return statement.executeUpdate() == 1;
                });
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
