package dev.entrada.reporting.attendance;

import dev.entrada.reporting.attendance.AttendanceRows.AdmittedTicket;
import dev.entrada.reporting.attendance.AttendanceRows.ConflictRow;
import dev.entrada.reporting.attendance.AttendanceRows.DeviceRow;
import dev.entrada.reporting.attendance.AttendanceRows.LatestCheckInRow;
import dev.entrada.reporting.attendance.AttendanceRows.SessionRow;
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

    /** Grows with every fact applied about this event; empty if nothing about it ever arrived. */
    @Query("SELECT version FROM projection_changes WHERE event_id = :eventId")
    Optional<Long> version(String eventId);

    /** When anything about this event last changed; empty if nothing about it ever arrived. */
    @Query("SELECT updated_at FROM projection_changes WHERE event_id = :eventId")
    Optional<Instant> updatedAt(String eventId);

    @Query("SELECT event_id, name, capacity FROM events WHERE event_id = :eventId")
    Optional<EventRow> event(String eventId);

    @Query("SELECT code AS name, 0 AS total FROM event_ticket_types WHERE event_id = :eventId ORDER BY position")
    List<KeyCount> catalogueTicketTypes(String eventId);

    @Query("SELECT checkpoint_id AS name, 0 AS total FROM event_checkpoints WHERE event_id = :eventId ORDER BY position")
    List<KeyCount> catalogueCheckpoints(String eventId);

    @Query("SELECT status, ticket_type, country, organization_kind, COUNT(*) AS total FROM registrations "
            + "WHERE event_id = :eventId GROUP BY status, ticket_type, country, organization_kind")
    List<RegistrationCount> registrationCounts(String eventId);

    // Exits through a session room do not take anyone out of the venue; unknown checkpoints count as doors.
    @Query("SELECT x.ticket_id, COALESCE(t.ticket_type, x.ticket_type) AS ticket_type, r.country, "
            + "r.organization_kind, r.organization, "
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

    @Query("SELECT session_id, title, room, capacity FROM event_sessions WHERE event_id = :eventId ORDER BY position")
    List<SessionRow> catalogueSessions(String eventId);

    @Query("SELECT rs.session_id AS name, COUNT(*) AS total FROM registration_sessions rs "
            + "JOIN registrations r ON r.registration_id = rs.registration_id "
            + "WHERE r.event_id = :eventId AND r.status = 'CONFIRMED' GROUP BY rs.session_id")
    List<KeyCount> sessionRegistrations(String eventId);

    /** Distinct tickets admitted at any checkpoint of each session. */
    @Query("SELECT c.session_id AS name, COUNT(DISTINCT a.ticket_id) AS total FROM admissions a "
            + "JOIN event_checkpoints c ON c.event_id = a.event_id AND c.checkpoint_id = a.checkpoint_id "
            + "WHERE a.event_id = :eventId AND c.session_id IS NOT NULL GROUP BY c.session_id")
    List<KeyCount> sessionCheckIns(String eventId);

    @Query("SELECT organization AS name, COUNT(*) AS total FROM registrations "
            + "WHERE event_id = :eventId AND status = 'CONFIRMED' AND organization IS NOT NULL GROUP BY organization")
    List<KeyCount> organizationRegistrations(String eventId);

    @Query("SELECT a.last_at AS at, a.checkpoint_id, a.last_device_id AS device_id, a.last_method AS method, "
            + "COALESCE(t.ticket_type, a.ticket_type) AS ticket_type, r.organization, r.country "
            + "FROM admissions a LEFT JOIN tickets t ON t.ticket_id = a.ticket_id "
            + "LEFT JOIN registrations r ON r.registration_id = t.registration_id "
            + "WHERE a.event_id = :eventId ORDER BY a.last_at DESC, a.ticket_id LIMIT " + AttendanceReport.LATEST)
    List<LatestCheckInRow> latestCheckIns(String eventId);

    @Query("SELECT device_id, checkpoint_id, last_contact_at, facts FROM devices WHERE event_id = :eventId "
            + "ORDER BY last_contact_at, device_id LIMIT " + AttendanceReport.MAX_DEVICES)
    List<DeviceRow> devices(String eventId);

    @Query("SELECT ticket_id, checkpoint_id, device_id, scanned_at, first_checkpoint_id, first_device_id, first_scanned_at "
            + "FROM conflicts WHERE event_id = :eventId ORDER BY scanned_at DESC, id DESC LIMIT " + AttendanceReport.LATEST)
    List<ConflictRow> latestConflicts(String eventId);
}
