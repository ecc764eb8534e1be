package dev.entrada.checkin.registration;

import dev.entrada.checkin.messaging.DeadLetters;
import dev.entrada.checkin.messaging.IncomingEvents;
import dev.entrada.contracts.Topics;
import dev.entrada.contracts.registration.AttendeeErased;
import dev.entrada.contracts.registration.RegistrationCancelled;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.registration.RegistrationCorrected;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** {@code registration-events} → names for the manual search, sessions for the session-room rule, erasures. */
@KafkaListener(groupId = "${checkin.kafka.group-id}", offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.SYNC,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR, retryCount = 5, retryDelay = "200ms"))
public class RegistrationEventsListener implements KafkaListenerExceptionHandler {
    private final IncomingEvents incoming;
    private final RegistrationReplica registrations;
    private final DeadLetters deadLetters;

    public RegistrationEventsListener(IncomingEvents incoming, RegistrationReplica registrations, DeadLetters deadLetters) {
        this.incoming = incoming;
        this.registrations = registrations;
        this.deadLetters = deadLetters;
    }

    @Topic(Topics.REGISTRATION_EVENTS)
    public void receive(ConsumerRecord<String, String> record) {
        incoming.consume(record, event -> {
            if (event instanceof RegistrationConfirmed confirmed) {
                registrations.apply(confirmed);
            } else if (event instanceof RegistrationCorrected corrected) {
                registrations.apply(corrected);
            } else if (event instanceof RegistrationCancelled cancelled) {
                registrations.apply(cancelled);
            } else if (event instanceof AttendeeErased erased) {
                registrations.apply(erased);
            }
        });
    }

    @Override
    public void handle(KafkaListenerException exception) {
        deadLetters.handle(exception);
    }
}
