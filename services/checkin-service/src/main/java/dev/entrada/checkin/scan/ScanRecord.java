package dev.entrada.checkin.scan;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One scan (or manual check-in) and its verdict, kept so a retried request (same device and nonce) gets the same answer. */
@MappedEntity("scans")
public record ScanRecord(
        @Id @GeneratedValue @Nullable Long id,
        String deviceId,
        String nonce,
        String eventId,
        String checkpointId,
        String direction,
        @Nullable String ticketId,
        String verdict,
        @Nullable String reason,
        @Nullable Instant firstAt,
        @Nullable String firstCheckpointId,
        @Nullable String firstDeviceId,
        Instant scannedAt,
        boolean conflict,
        String method,
        @Nullable String recordedBy) {
}
