package dev.entrada.reporting.attendance;

import dev.entrada.reporting.attendance.AttendanceRows.AdmittedTicket;
import dev.entrada.reporting.attendance.AttendanceRows.EventRow;
import dev.entrada.reporting.attendance.AttendanceRows.KeyCount;
import dev.entrada.reporting.attendance.AttendanceRows.RegistrationCount;
import dev.entrada.reporting.projection.ProcessedEvent;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Read side of the projections: joins happen here, because the facts may have arrived in any order. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AttendanceRepository extends GenericRepository<ProcessedEvent, String> {

    /** When anything about this event last changed; empty if nothing about it ever arrived. */
    @Query("SELECT updated_at FROM projection_changes WHERE event_id = :eventId")
    Optional<Instant> updatedAt(String eventId);

    @Query("SELECT event_id, name, capacity FROM events WHERE event_id = :eventId")
    Optional<EventRow> event(String eventId);

    @Query("SELECT code AS name, 0 AS total FROM event_ticket_types WHERE event_id = :eventId ORDER BY position")
    List<KeyCount> catalogueTicketTypes(String eventId);

    @Query("SELECT checkpoint_id AS name, 0 AS total FROM event_checkpoints WHERE event_id = :eventId ORDER BY position")
    List<KeyCount> catalogueCheckpoints(String eventId);

    @Query("SELECT status, ticket_type, country, COUNT(*) AS total FROM registrations WHERE event_id = :eventId "
            + "GROUP BY status, ticket_type, country")
    List<RegistrationCount> registrationCounts(String eventId);

    // Exits through a session room do not take anyone out of the venue; unknown checkpoints count as doors.
    @Query("SELECT x.ticket_id, COALESCE(t.ticket_type, x.ticket_type) AS ticket_type, r.country, "
            + "x.first_at, x.last_at, "
            + "(SELECT MAX(e.last_at) FROM exits e WHERE e.ticket_id = x.ticket_id AND NOT EXISTS "
            + "(SELECT 1 FROM event_checkpoints c WHERE c.event_id = e.event_id AND c.checkpoint_id = e.checkpoint_id "
            + "AND c.kind = 'SESSION')) AS exited_at "
            + "FROM (SELECT ticket_id, MAX(ticket_type) AS ticket_type, MIN(first_at) AS first_at, MAX(last_at) AS last_at "
            + "FROM admissions WHERE event_id = :eventId GROUP BY ticket_id) x "
            + "LEFT JOIN tickets t ON t.ticket_id = x.ticket_id "
            + "LEFT JOIN registrations r ON r.registration_id = t.registration_id")
    List<AdmittedTicket> admittedTickets(String eventId);

    @Query("SELECT checkpoint_id AS name, COUNT(*) AS total FROM admissions WHERE event_id = :eventId GROUP BY checkpoint_id")
    List<KeyCount> admissionsByCheckpoint(String eventId);

    @Query("SELECT reason AS name, COUNT(*) AS total FROM rejections WHERE event_id = :eventId GROUP BY reason")
    List<KeyCount> rejectionsByReason(String eventId);

    @Query("SELECT COUNT(*) FROM conflicts WHERE event_id = :eventId")
    long conflicts(String eventId);
}
