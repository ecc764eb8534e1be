package dev.entrada.reporting.attendance;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** Rows the attendance queries return; {@link AttendanceReport#of} folds them into the answer. */
public final class AttendanceRows {

    @Introspected
    public record EventRow(String eventId, String name, @Nullable Integer capacity) {
    }

    /** Registrations of one status, ticket type, country and kind of organisation. */
    @Introspected
    public record RegistrationCount(String status, @Nullable String ticketType, @Nullable String country,
                                    @Nullable String organizationKind, long total) {
    }

    /**
     * One ticket admitted at least once: its type (the ticket's own, else what the door reported),
     * its holder's country if known, its first and latest entry, and its latest exit through a door.
     */
    @Introspected
    public record AdmittedTicket(String ticketId, @Nullable String ticketType, @Nullable String country,
                                 @Nullable String organizationKind, @Nullable String organization,
                                 Instant firstAt, Instant lastAt, @Nullable Instant exitedAt) {

        boolean inside() {
            return exitedAt == null || lastAt.isAfter(exitedAt);
        }
    }

    /** A count under a name: a checkpoint, a rejection reason, a ticket type. */
    @Introspected
    public record KeyCount(String name, long total) {
    }

    /** A session of the catalogue. */
    @Introspected
    public record SessionRow(String sessionId, @Nullable String title, @Nullable String room, @Nullable Integer capacity) {
    }

    /** A latest entry at one checkpoint; organisation and country of the holder if known (no names). */
    @Serdeable
    public record LatestCheckInRow(Instant at, String checkpointId, @Nullable String deviceId, @Nullable String method,
                                   @Nullable String ticketType, @Nullable String organization, @Nullable String country) {
    }

    @Serdeable
    public record DeviceRow(String deviceId, @Nullable String checkpointId, Instant lastContactAt, long facts) {
    }

    @Serdeable
    public record ConflictRow(String ticketId, @Nullable String checkpointId, @Nullable String deviceId, Instant scannedAt,
                              @Nullable String firstCheckpointId, @Nullable String firstDeviceId,
                              @Nullable Instant firstScannedAt) {
    }

    private AttendanceRows() {
    }
}
