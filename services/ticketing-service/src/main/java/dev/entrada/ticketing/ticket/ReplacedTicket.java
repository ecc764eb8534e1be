package dev.entrada.ticketing.ticket;

import java.time.Instant;

/** The id of a ticket a correction replaced; it answers with the registration's current ticket. */
public record ReplacedTicket(String ticketId, String registrationId, String eventId, String ticketType,
                             Instant issuedAt, Instant replacedAt) {
}
