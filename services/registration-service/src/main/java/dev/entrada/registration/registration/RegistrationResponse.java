package dev.entrada.registration.registration;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to a registration. {@code accessToken} only on creation: whoever merely knows an
 * e-mail address must not get that person's link.
 */
public record RegistrationResponse(
        String registrationId,
        RegistrationStatus status,
        @JsonInclude(JsonInclude.Include.NON_NULL) String accessToken) {
}
