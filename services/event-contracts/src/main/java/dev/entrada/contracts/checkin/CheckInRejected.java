package dev.entrada.contracts.checkin;

import java.time.Instant;

/**
 * A scan was refused.
 *
 * @param ticketId null when the code could not be read as a ticket at all
 * @param eventId  the event of the checkpoint where the scan happened
 * @param reason   {@code INVALID_SIGNATURE}, {@code UNKNOWN_KEY}, {@code REVOKED}, {@code WRONG_EVENT},
 *                 {@code WRONG_CHECKPOINT}, {@code OUTSIDE_WINDOW} or {@code MALFORMED}
 * @param codeHash the first 16 hex digits of SHA-256 of the scanned text: lets organisers see the same
 *                 bad code scanned again without keeping the text itself
 */
public record CheckInRejected(
        String ticketId,
        String eventId,
        String checkpointId,
        String deviceId,
        String reason,
        String codeHash,
        Instant scannedAt,
        Instant occurredAt) implements CheckInEvent {
}
