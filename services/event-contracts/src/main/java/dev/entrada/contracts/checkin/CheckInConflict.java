package dev.entrada.contracts.checkin;

import java.time.Instant;

/**
 * Two devices admitted the same ticket while at least one was offline. Recorded for organisers,
 * never silently dropped.
 */
public record CheckInConflict(
        String ticketId,
        String eventId,
        String checkpointId,
        String deviceId,
        Instant scannedAt,
        String firstCheckpointId,
        String firstDeviceId,
        Instant firstScannedAt,
        Instant occurredAt) implements CheckInEvent {
}
