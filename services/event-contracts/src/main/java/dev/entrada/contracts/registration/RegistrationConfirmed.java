package dev.entrada.contracts.registration;

import java.time.Instant;
import java.util.List;

/**
 * A seat is held for this person; a ticket follows.
 *
 * @param accessTokenHash SHA-256 (hex) of the attendee's access token. Only the hash travels, so a
 *                        service that shows the ticket can check the attendee's link without the
 *                        secret ever being on the wire.
 */
public record RegistrationConfirmed(
        String registrationId,
        String eventId,
        String ticketType,
        String fullName,
        String email,
        String organization,
        String organizationKind,
        String jobTitle,
        String country,
        String locale,
        List<String> sessions,
        String accessTokenHash,
        Instant occurredAt) implements RegistrationEvent {
}
