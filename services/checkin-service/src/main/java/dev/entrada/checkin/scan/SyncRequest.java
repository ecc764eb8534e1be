package dev.entrada.checkin.scan;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/**
 * Scans one device made while it could not reach the server, uploaded as facts. {@code offlineVerdict}
 * is what the device showed (ADMITTED turns an earlier admission elsewhere into a conflict).
 */
@Serdeable
public record SyncRequest(
        @NotBlank @Size(max = 100) String deviceId,
        @NotEmpty @Size(max = 500) List<@Valid @NotNull OfflineScan> scans) {

    @Serdeable
    public record OfflineScan(
            @NotBlank @Size(max = 512) String code,
            @NotBlank @Size(max = 100) String checkpointId,
            @NotBlank @Size(max = 100) String nonce,
            @NotNull Instant scannedAt,
            @Nullable @Pattern(regexp = "IN|OUT", message = "must be IN or OUT") String direction,
            @Nullable @Size(max = 100) String eventId,
            @Nullable @Pattern(regexp = "ADMITTED|ALREADY_CHECKED_IN|CHECKED_OUT|NOT_INSIDE|REJECTED",
                    message = "must be a verdict") String offlineVerdict) {
    }
}
