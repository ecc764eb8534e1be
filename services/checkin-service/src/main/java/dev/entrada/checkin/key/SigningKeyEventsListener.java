package dev.entrada.checkin.key;

import dev.entrada.checkin.messaging.DeadLetters;
import dev.entrada.checkin.messaging.IncomingEvents;
import dev.entrada.contracts.Topics;
import dev.entrada.contracts.signing.SigningKeyPublished;
import dev.entrada.contracts.signing.SigningKeyRetired;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** {@code signing-keys} → the public keys codes are verified with. */
@KafkaListener(groupId = "${checkin.kafka.group-id}", offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.SYNC,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR, retryCount = 5, retryDelay = "200ms"))
public class SigningKeyEventsListener implements KafkaListenerExceptionHandler {
    private final IncomingEvents incoming;
    private final SigningKeys keys;
    private final DeadLetters deadLetters;

    public SigningKeyEventsListener(IncomingEvents incoming, SigningKeys keys, DeadLetters deadLetters) {
        this.incoming = incoming;
        this.keys = keys;
        this.deadLetters = deadLetters;
    }

    @Topic(Topics.SIGNING_KEYS)
    public void receive(ConsumerRecord<String, String> record) {
        incoming.consume(record, event -> {
            if (event instanceof SigningKeyPublished published) {
                on(published);
            } else if (event instanceof SigningKeyRetired retired) {
                on(retired);
            }
        });
    }

    void on(SigningKeyPublished event) {
        keys.apply(event);
    }

    void on(SigningKeyRetired event) {
        keys.apply(event);
    }

    @Override
    public void handle(KafkaListenerException exception) {
        deadLetters.handle(exception);
    }
}
