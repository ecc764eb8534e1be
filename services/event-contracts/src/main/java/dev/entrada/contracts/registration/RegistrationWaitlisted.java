package dev.entrada.contracts.registration;

import java.time.Instant;

/** The event was full; this person waits for a cancellation. */
public record RegistrationWaitlisted(
        String registrationId,
        String eventId,
        String ticketType,
        String fullName,
        String email,
        String organization,
        String country,
        String locale,
        Instant occurredAt) implements RegistrationEvent {
}
