package dev.entrada.checkin.catalog;

import dev.entrada.checkin.messaging.DeadLetters;
import dev.entrada.checkin.messaging.IncomingEvents;
import dev.entrada.contracts.Topics;
import dev.entrada.contracts.catalog.EventPublished;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** {@code event-catalog} → the events, checkpoints and ticket types this node checks against. */
@KafkaListener(groupId = "${checkin.kafka.group-id}", offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.SYNC,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR, retryCount = 5, retryDelay = "200ms"))
public class CatalogEventsListener implements KafkaListenerExceptionHandler {
    private final IncomingEvents incoming;
    private final CatalogReplica catalog;
    private final DeadLetters deadLetters;

    public CatalogEventsListener(IncomingEvents incoming, CatalogReplica catalog, DeadLetters deadLetters) {
        this.incoming = incoming;
        this.catalog = catalog;
        this.deadLetters = deadLetters;
    }

    @Topic(Topics.EVENT_CATALOG)
    public void receive(ConsumerRecord<String, String> record) {
        incoming.consume(record, event -> {
            if (event instanceof EventPublished published) {
                on(published);
            }
        });
    }

    void on(EventPublished event) {
        catalog.apply(event);
    }

    @Override
    public void handle(KafkaListenerException exception) {
        deadLetters.handle(exception);
    }
}
