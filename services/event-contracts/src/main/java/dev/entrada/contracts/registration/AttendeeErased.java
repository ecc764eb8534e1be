package dev.entrada.contracts.registration;

import java.time.Instant;

/** Personal data of this registration must be forgotten by every service that holds a copy. */
public record AttendeeErased(
        String registrationId,
        String eventId,
        Instant occurredAt) implements RegistrationEvent {
}
