package dev.entrada.contracts.registration;

import java.time.Instant;

/** The attendee or an organiser cancelled; any ticket of this registration is void. */
public record RegistrationCancelled(
        String registrationId,
        String eventId,
        String reason,
        Instant occurredAt) implements RegistrationEvent {
}
