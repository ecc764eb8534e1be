package dev.entrada.contracts.registration;

import java.time.Instant;

/**
 * The event was full; this person waits for a cancellation.
 *
 * @param position 1 for the next person to be confirmed; null when the producer does not number its list
 */
public record RegistrationWaitlisted(
        String registrationId,
        String eventId,
        String ticketType,
        String fullName,
        String email,
        String organization,
        String country,
        String locale,
        Integer position,
        Instant occurredAt) implements RegistrationEvent {
}
