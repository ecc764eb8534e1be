package dev.entrada.registration.registration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** {@code POST /api/events/{eventId}/registrations}. Whether ticketType and sessions exist is checked against the event. */
public record RegisterAttendeeRequest(
        @NotBlank @Size(max = 200) String fullName,
        @NotBlank @Size(max = 254) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be a valid e-mail address")
        String email,
        @NotBlank @Size(max = 200) String organization,
        @Pattern(regexp = OrganizationKinds.PATTERN, message = OrganizationKinds.MESSAGE) String organizationKind,
        @Size(max = 200) String jobTitle,
        @NotBlank @CountryCode String country,
        @Size(max = 40) @Pattern(regexp = "\\+?[0-9 ().-]{3,40}", message = "must be a phone number") String phone,
        @Size(max = 50) String ticketType,
        @Size(max = 20) List<@NotBlank @Size(max = 100) String> sessions,
        @NotNull @Pattern(regexp = "es|en", message = "must be es or en") String locale,
        @NotNull @AssertTrue(message = "must be accepted") Boolean consent) {
}
