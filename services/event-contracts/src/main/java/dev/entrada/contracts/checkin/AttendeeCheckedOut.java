package dev.entrada.contracts.checkin;

import java.time.Instant;

/** A person left through a checkpoint (exit scan). */
public record AttendeeCheckedOut(
        String ticketId,
        String eventId,
        String checkpointId,
        String deviceId,
        Instant scannedAt,
        Instant occurredAt) implements CheckInEvent {
}
