package dev.entrada.contracts.ticket;

import dev.entrada.contracts.DomainEvent;

/** Events of the ticket aggregate, on {@code ticket-events}, keyed by ticket id. */
public sealed interface TicketEvent extends DomainEvent permits TicketIssued, TicketRevoked {

    String ticketId();

    String eventId();

    @Override
    default String partitionKey() {
        return ticketId();
    }
}
