package dev.entrada.contracts.registration;

import java.time.Instant;

/**
 * The attendee (or an organiser) corrected what the ticket shows. Carries the new values of every
 * field a ticket or badge prints; a confirmed registration's ticket is re-issued with them.
 */
public record RegistrationCorrected(
        String registrationId,
        String eventId,
        String fullName,
        String organization,
        String jobTitle,
        String country,
        Instant occurredAt) implements RegistrationEvent {
}
