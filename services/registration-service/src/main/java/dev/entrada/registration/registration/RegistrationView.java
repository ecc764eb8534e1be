package dev.entrada.registration.registration;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * {@code GET /api/registrations/{id}}: {@code ticketId} stays null until ticketing issued the
 * ticket; {@code position} (1 = next to be confirmed) only while waiting.
 */
public record RegistrationView(
        String registrationId,
        String eventId,
        RegistrationStatus status,
        String ticketId,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer position,
        String fullName,
        String email,
        String organization,
        String organizationKind,
        String jobTitle,
        String country,
        String phone,
        String ticketType,
        List<String> sessions,
        String locale) {

    static RegistrationView of(Registration r, Integer position) {
        return new RegistrationView(r.id(), r.eventId(), r.status(), r.ticketId(), position, r.fullName(), r.email(),
                r.organization(), r.organizationKind(), r.jobTitle(), r.country(), r.phone(), r.ticketType(), r.sessions(),
                r.locale());
    }
}
