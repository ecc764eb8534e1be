package dev.entrada.registration.registration;

import java.time.Instant;
import java.util.List;

/** A registration about to be stored, its fields already trimmed and normalised. */
record NewRegistration(
        String id,
        String eventId,
        RegistrationStatus status,
        String ticketType,
        String fullName,
        String email,
        String emailKey,
        String organization,
        String organizationKind,
        String jobTitle,
        String country,
        String phone,
        String locale,
        List<String> sessions,
        String accessTokenHash,
        Long waitlistSeq,
        String consentPolicyVersion,
        Instant createdAt) {
}
