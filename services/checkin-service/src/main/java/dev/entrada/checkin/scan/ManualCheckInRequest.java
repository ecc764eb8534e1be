package dev.entrada.checkin.scan;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A staff member checks a person in by ticket id (found with the search). Who did it is the signed-in
 * caller (issue 8), never a field of the request: a {@code staffName} sent by an older client is ignored.
 */
@Serdeable
public record ManualCheckInRequest(
        @NotBlank @Pattern(regexp = "[0-9a-fA-F-]{36}", message = "must be a ticket id (UUID)") String ticketId,
        @NotBlank @Size(max = 100) String checkpointId,
        @NotBlank @Size(max = 100) String deviceId,
        @NotBlank @Size(max = 100) String nonce,
        @Nullable @Size(max = 100) String eventId) {
}
