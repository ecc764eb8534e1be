package dev.entrada.reporting.attendance;

import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;

/** Reads one consistent snapshot of an event's projections and folds it into the report. */
@Singleton
public class AttendanceService {
    private final AttendanceRepository repository;

    public AttendanceService(AttendanceRepository repository) {
        this.repository = repository;
    }

    /** Empty when no fact about this event has arrived. */
    @ReadOnly
    public Optional<AttendanceReport> report(String eventId) {
        Optional<Instant> updatedAt = repository.updatedAt(eventId);
        if (updatedAt.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(AttendanceReport.of(new AttendanceReport.Facts(
                eventId,
                repository.event(eventId).orElse(null),
                repository.catalogueTicketTypes(eventId),
                repository.catalogueCheckpoints(eventId),
                repository.registrationCounts(eventId),
                repository.admittedTickets(eventId),
                repository.admissionsByCheckpoint(eventId),
                repository.rejectionsByReason(eventId),
                repository.conflicts(eventId),
                updatedAt.get(),
                repository.catalogueSessions(eventId),
                repository.sessionRegistrations(eventId),
                repository.sessionCheckIns(eventId),
                repository.organizationRegistrations(eventId),
                repository.latestCheckIns(eventId),
                repository.devices(eventId),
                repository.latestConflicts(eventId),
                Instant.now())));
    }

    /** Grows with every fact applied about the event (the live stream's change detector); -1 if none yet. */
    @ReadOnly
    public long version(String eventId) {
        return repository.version(eventId).orElse(-1L);
    }
}
