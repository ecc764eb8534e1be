package dev.entrada.reporting.export;

import dev.entrada.reporting.projection.ProcessedEvent;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;

/** The rows the organisers' exports list. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ExportRepository extends GenericRepository<ProcessedEvent, String> {

    /**
     * One confirmed registration with its first entry (time and checkpoint) and latest entry over all
     * its tickets; both null for someone who never came.
     */
    @Introspected
    record AttendeeRow(String registrationId, @Nullable String fullName, @Nullable String organization,
                       @Nullable String organizationKind, @Nullable String jobTitle, @Nullable String country,
                       @Nullable String ticketType, @Nullable Instant firstCheckInAt, @Nullable String firstCheckpointId,
                       @Nullable Instant lastCheckInAt) {
    }

    @Query("SELECT r.registration_id, r.full_name, r.organization, r.organization_kind, r.job_title, r.country, r.ticket_type, "
            + "(SELECT MIN(a.first_at) FROM admissions a JOIN tickets t ON t.ticket_id = a.ticket_id "
            + "WHERE t.registration_id = r.registration_id) AS first_check_in_at, "
            + "(SELECT a.checkpoint_id FROM admissions a JOIN tickets t ON t.ticket_id = a.ticket_id "
            + "WHERE t.registration_id = r.registration_id ORDER BY a.first_at, a.checkpoint_id LIMIT 1) AS first_checkpoint_id, "
            + "(SELECT MAX(a.last_at) FROM admissions a JOIN tickets t ON t.ticket_id = a.ticket_id "
            + "WHERE t.registration_id = r.registration_id) AS last_check_in_at "
            + "FROM registrations r WHERE r.event_id = :eventId AND r.status = 'CONFIRMED' "
            + "ORDER BY r.full_name, r.registration_id")
    List<AttendeeRow> attendees(String eventId);
}
