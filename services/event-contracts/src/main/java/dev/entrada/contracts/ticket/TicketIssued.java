package dev.entrada.contracts.ticket;

import java.time.Instant;

/**
 * A ticket with a signed code exists. The code itself is not in the event: check-in verifies codes
 * with the public key, and the replica needs only who holds which ticket.
 */
public record TicketIssued(
        String ticketId,
        String registrationId,
        String eventId,
        String ticketType,
        String holderName,
        String organization,
        String keyId,
        Instant validFrom,
        Instant validUntil,
        Instant occurredAt) implements TicketEvent {
}
