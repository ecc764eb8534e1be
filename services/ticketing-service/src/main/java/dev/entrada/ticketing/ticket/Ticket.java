package dev.entrada.ticketing.ticket;

import java.time.Instant;

/**
 * A ticket as stored. {@code holderName}, {@code organization} and {@code email} are null once the
 * attendee was erased.
 *
 * @param accessTokenHash SHA-256 hex of the attendee's access token (the same token as for the registration)
 * @param code            the signed ticket code the QR carries
 */
public record Ticket(
        String ticketId,
        String registrationId,
        String eventId,
        String ticketType,
        String holderName,
        String organization,
        String email,
        String locale,
        String accessTokenHash,
        String code,
        String keyId,
        TicketStatus status,
        Instant issuedAt,
        Instant revokedAt,
        Instant erasedAt) {

    public boolean isErased() {
        return erasedAt != null;
    }
}
