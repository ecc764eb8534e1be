package dev.entrada.reporting.messaging;

import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.TraceContext;
import dev.entrada.contracts.Topics;
import dev.entrada.identity.CorrelationIds;
import dev.entrada.reporting.live.AttendanceFeed;
import dev.entrada.reporting.projection.Projector;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler;
import io.opentelemetry.api.OpenTelemetry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Folds every topic into the projections, one consumer per topic so a slow topic never holds back
 * another. A record that cannot be read goes straight to the dead-letter topic; any other failure
 * (the database, say) is retried with back-off, then dead-lettered, so no record blocks its partition.
 */
@KafkaListener(
        groupId = "${reporting.consumer-group}",
        offsetReset = OffsetReset.EARLIEST,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR, retryCount = 5, retryDelay = "200ms"))
public class ProjectionListener implements KafkaListenerExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionListener.class);

    private final EventReader reader;
    private final Projector projector;
    private final DeadLetters deadLetters;
    private final AttendanceFeed feed;
    private final OpenTelemetry openTelemetry;

    public ProjectionListener(EventReader reader, Projector projector, DeadLetters deadLetters, AttendanceFeed feed,
                              OpenTelemetry openTelemetry) {
        this.reader = reader;
        this.projector = projector;
        this.deadLetters = deadLetters;
        this.feed = feed;
        this.openTelemetry = openTelemetry;
    }

    @Topic(Topics.EVENT_CATALOG)
    void onCatalog(ConsumerRecord<String, String> record) {
        project(record);
    }

    @Topic(Topics.REGISTRATION_EVENTS)
    void onRegistration(ConsumerRecord<String, String> record) {
        project(record);
    }

    @Topic(Topics.TICKET_EVENTS)
    void onTicket(ConsumerRecord<String, String> record) {
        project(record);
    }

    @Topic(Topics.SIGNING_KEYS)
    void onSigningKey(ConsumerRecord<String, String> record) {
        project(record);
    }

    @Topic(Topics.CHECKIN_EVENTS)
    void onCheckin(ConsumerRecord<String, String> record) {
        project(record);
    }

    private void project(ConsumerRecord<String, String> record) {
        // the producer's correlation id in the logs while this record is handled, the handling a span of its trace
        String correlationId = CorrelationIds.accept(EventReader.header(record.headers(), EventHeaders.CORRELATION_ID));
        try (MDC.MDCCloseable ignored = correlationId == null ? null : MDC.putCloseable(CorrelationIds.MDC_KEY, correlationId)) {
            TraceContext.consume(openTelemetry, record.topic(), EventReader.header(record.headers(), EventHeaders.TRACEPARENT), () -> apply(record));
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        ReadResult result = reader.read(record.headers(), record.value());
        if (result instanceof ReadResult.Readable r) {
            boolean applied = projector.apply(r.eventId(), record.topic(), r.type().name(), r.event());
            if (applied) {
                feed.changed(); // committed: live dashboards may fold a new report
            }
            if (applied) {
                LOG.info("Applied {} from {}-{}@{}", r.type().name(), record.topic(), record.partition(), record.offset());
            } else {
                LOG.debug("Already applied {} from {}-{}@{}", r.type().name(), record.topic(), record.partition(), record.offset());
            }
        } else if (result instanceof ReadResult.UnknownType u) {
            LOG.info("Skipping unknown event type {} at {}-{}@{}", u.typeName(), record.topic(), record.partition(), record.offset());
        } else if (result instanceof ReadResult.Unreadable u) {
            deadLetters.park(record, u.error());
        }
    }

    /** Called once a record has failed every retry (and for consumer errors that have no record). */
    @Override
    public void handle(KafkaListenerException exception) {
        Throwable cause = exception.getCause() != null ? exception.getCause() : exception;
        exception.getConsumerRecord().ifPresentOrElse(record -> {
            try {
                deadLetters.park(record, "failed after retries: " + cause);
            } catch (RuntimeException e) {
                LOG.error("Could not dead-letter {}-{}@{}; it is skipped", record.topic(), record.partition(), record.offset(), e);
            }
        }, () -> LOG.error("Kafka consumer error", cause));
    }
}
