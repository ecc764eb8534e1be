package dev.entrada.checkin.scan;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A staff member checks a person in by ticket id (found with the search). {@code staffName} says who
 * did it until sign-in exists (issue 8), which will take it from the signed-in identity instead.
 */
@Serdeable
public record ManualCheckInRequest(
        @NotBlank @Pattern(regexp = "[0-9a-fA-F-]{36}", message = "must be a ticket id (UUID)") String ticketId,
        @NotBlank @Size(max = 100) String checkpointId,
        @NotBlank @Size(max = 100) String deviceId,
        @NotBlank @Size(max = 100) String nonce,
        @NotBlank @Size(max = 100) String staffName,
        @Nullable @Size(max = 100) String eventId) {
}
