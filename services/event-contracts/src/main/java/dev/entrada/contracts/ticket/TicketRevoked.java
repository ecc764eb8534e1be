package dev.entrada.contracts.ticket;

import java.time.Instant;

/** The ticket must no longer be admitted, even though its signature is valid. */
public record TicketRevoked(
        String ticketId,
        String eventId,
        String reason,
        Instant occurredAt) implements TicketEvent {
}
