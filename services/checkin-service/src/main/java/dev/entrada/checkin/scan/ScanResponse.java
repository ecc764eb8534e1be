package dev.entrada.checkin.scan;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** What the scanner shows: the verdict, why, who, and for a repeat the first check-in. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScanResponse(
        Verdict verdict,
        RejectReason reason,
        String ticketId,
        Attendee attendee,
        FirstCheckInView firstCheckIn) {

    public enum Verdict { ADMITTED, ALREADY_CHECKED_IN, REJECTED }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attendee(String name, String organization, String ticketType) {
    }

    @Serdeable
    public record FirstCheckInView(Instant at, String checkpointId, String deviceId) {
    }
}
