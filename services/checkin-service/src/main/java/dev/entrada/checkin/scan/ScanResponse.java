package dev.entrada.checkin.scan;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * What the scanner shows: the verdict, why, who, and for a repeat the entry in force. {@code nonce}
 * appears only in sync results (to match them to the queued scans); {@code conflict} only when an
 * offline scan admitted a ticket another device had already admitted.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScanResponse(
        Verdict verdict,
        RejectReason reason,
        String ticketId,
        Attendee attendee,
        FirstCheckInView firstCheckIn,
        String nonce,
        Boolean conflict) {

    public enum Verdict { ADMITTED, ALREADY_CHECKED_IN, CHECKED_OUT, NOT_INSIDE, REJECTED }

    public ScanResponse withNonce(String nonce) {
        return new ScanResponse(verdict, reason, ticketId, attendee, firstCheckIn, nonce, conflict);
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attendee(String name, String organization, String ticketType) {
    }

    @Serdeable
    public record FirstCheckInView(Instant at, String checkpointId, String deviceId) {
    }
}
