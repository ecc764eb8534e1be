package dev.entrada.reporting.attendance;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** Rows the attendance queries return; {@link AttendanceReport#of} folds them into the answer. */
public final class AttendanceRows {

    @Introspected
    public record EventRow(String eventId, String name, @Nullable Integer capacity) {
    }

    /** Registrations of one status, ticket type and country. */
    @Introspected
    public record RegistrationCount(String status, @Nullable String ticketType, @Nullable String country, long total) {
    }

    /**
     * One ticket admitted at least once: its type (the ticket's own, else what the door reported),
     * its holder's country if known, its first and latest entry, and its latest exit through a door.
     */
    @Introspected
    public record AdmittedTicket(String ticketId, @Nullable String ticketType, @Nullable String country,
                                 Instant firstAt, Instant lastAt, @Nullable Instant exitedAt) {

        boolean inside() {
            return exitedAt == null || lastAt.isAfter(exitedAt);
        }
    }

    /** A count under a name: a checkpoint, a rejection reason, a ticket type. */
    @Introspected
    public record KeyCount(String name, long total) {
    }

    private AttendanceRows() {
    }
}
