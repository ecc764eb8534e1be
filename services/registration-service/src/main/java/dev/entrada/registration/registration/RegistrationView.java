package dev.entrada.registration.registration;

/** {@code GET /api/registrations/{id}}: {@code ticketId} stays null until ticketing issued the ticket. */
public record RegistrationView(String registrationId, String eventId, RegistrationStatus status, String ticketId) {
}
