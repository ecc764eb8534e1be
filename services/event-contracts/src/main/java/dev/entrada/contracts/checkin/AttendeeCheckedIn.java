package dev.entrada.contracts.checkin;

import java.time.Instant;

/**
 * A person was admitted at a checkpoint.
 *
 * @param method    {@code SCAN} or {@code MANUAL} (found by name at the desk)
 * @param recordedBy for {@code MANUAL}: the staff member who checked the person in; null for scans
 * @param scannedAt  the device's time of the scan (may be earlier than {@code occurredAt} for offline scans)
 */
public record AttendeeCheckedIn(
        String ticketId,
        String eventId,
        String ticketType,
        String checkpointId,
        String deviceId,
        String method,
        String recordedBy,
        Instant scannedAt,
        Instant occurredAt) implements CheckInEvent {
}
