package dev.entrada.registration.registration;

import java.util.List;

/**
 * A stored registration.
 *
 * @param waitlistSeq the order in the waiting list (not the position: that is counted among those still waiting)
 */
public record Registration(
        String id,
        String eventId,
        RegistrationStatus status,
        String accessTokenHash,
        String ticketId,
        String ticketType,
        String fullName,
        String email,
        String organization,
        String organizationKind,
        String jobTitle,
        String country,
        String phone,
        String locale,
        List<String> sessions,
        Long waitlistSeq) {
}
