package dev.entrada.checkin.scan;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * One scan from a device. {@code nonce} is the device's idempotency key for this scan;
 * {@code eventId} is optional and only needed when two events use the same checkpoint id;
 * {@code scannedAt} is the device's clock, carried into the events (the checks use the server's).
 */
@Serdeable
public record ScanRequest(
        @NotBlank @Size(max = 512) String code,
        @NotBlank @Size(max = 100) String checkpointId,
        @NotBlank @Size(max = 100) String deviceId,
        @NotBlank @Size(max = 100) String nonce,
        @Nullable @Pattern(regexp = "IN|OUT", message = "must be IN or OUT") String direction,
        @Nullable @Size(max = 100) String eventId,
        @Nullable Instant scannedAt) {
}
