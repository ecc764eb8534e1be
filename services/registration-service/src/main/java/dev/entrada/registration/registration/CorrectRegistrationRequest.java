package dev.entrada.registration.registration;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code PATCH /api/registrations/{id}}: every field optional, absent = unchanged. Name,
 * organisation and country cannot be emptied; an empty job title or phone clears it. The e-mail,
 * ticket type and sessions are not corrected here.
 */
public record CorrectRegistrationRequest(
        @Size(max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String fullName,
        @Size(max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String organization,
        @Size(max = 200) String jobTitle,
        @CountryCode String country,
        @Size(max = 40) @Pattern(regexp = "|\\+?[0-9 ().-]{3,40}", message = "must be a phone number") String phone) {
}
