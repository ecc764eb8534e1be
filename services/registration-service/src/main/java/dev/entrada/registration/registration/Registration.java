package dev.entrada.registration.registration;

/** What the service needs to answer about a stored registration; personal data stays in the table. */
public record Registration(String id, String eventId, RegistrationStatus status, String accessTokenHash, String ticketId) {
}
