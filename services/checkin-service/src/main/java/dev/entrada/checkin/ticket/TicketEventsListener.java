package dev.entrada.checkin.ticket;

import dev.entrada.checkin.messaging.DeadLetters;
import dev.entrada.checkin.messaging.IncomingEvents;
import dev.entrada.contracts.Topics;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.contracts.ticket.TicketRevoked;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** {@code ticket-events} → the admissible-ticket replica (holders for the staff screen, revocations). */
@KafkaListener(groupId = "${checkin.kafka.group-id}", offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.SYNC,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR, retryCount = 5, retryDelay = "200ms"))
public class TicketEventsListener implements KafkaListenerExceptionHandler {
    private final IncomingEvents incoming;
    private final TicketReplica tickets;
    private final DeadLetters deadLetters;

    public TicketEventsListener(IncomingEvents incoming, TicketReplica tickets, DeadLetters deadLetters) {
        this.incoming = incoming;
        this.tickets = tickets;
        this.deadLetters = deadLetters;
    }

    @Topic(Topics.TICKET_EVENTS)
    public void receive(ConsumerRecord<String, String> record) {
        incoming.consume(record, event -> {
            if (event instanceof TicketIssued issued) {
                on(issued);
            } else if (event instanceof TicketRevoked revoked) {
                on(revoked);
            }
        });
    }

    void on(TicketIssued event) {
        tickets.apply(event);
    }

    void on(TicketRevoked event) {
        tickets.apply(event);
    }

    @Override
    public void handle(KafkaListenerException exception) {
        deadLetters.handle(exception);
    }
}
