package dev.entrada.reporting.projection;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;

/**
 * Every write the projections make. Upserts are standard SQL MERGE (PostgreSQL 15 and H2 both run
 * it) and commutative where events may arrive out of order: first/last times use LEAST/GREATEST,
 * registration status is guarded by its time, catalogue copies by their version.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProjectionRepository extends GenericRepository<ProcessedEvent, String> {

    /** @return 1 the first time an event id is seen, 0 on redelivery */
    @Query("INSERT INTO processed_events (event_id, event_type, topic, processed_at) "
            + "VALUES (:eventId, :eventType, :topic, :at) ON CONFLICT DO NOTHING")
    int markProcessed(String eventId, String eventType, String topic, Instant at);

    /** @return 1 if this copy is newer than the one held (so its lists should replace ours), else 0 */
    @Query("MERGE INTO events e USING (VALUES (1)) AS s(one) ON e.event_id = :eventId "
            + "WHEN MATCHED AND e.version < :version THEN "
            + "UPDATE SET version = :version, name = :name, capacity = :capacity, published_at = :at "
            + "WHEN NOT MATCHED THEN INSERT (event_id, version, name, capacity, published_at) "
            + "VALUES (:eventId, :version, :name, :capacity, :at)")
    int upsertEvent(String eventId, long version, String name, @Nullable Integer capacity, Instant at);

    @Query("DELETE FROM event_ticket_types WHERE event_id = :eventId")
    void clearTicketTypes(String eventId);

    @Query("INSERT INTO event_ticket_types (event_id, code, position) VALUES (:eventId, :code, :position)")
    void addTicketType(String eventId, String code, int position);

    @Query("DELETE FROM event_checkpoints WHERE event_id = :eventId")
    void clearCheckpoints(String eventId);

    @Query("INSERT INTO event_checkpoints (event_id, checkpoint_id, kind, session_id, position) "
            + "VALUES (:eventId, :checkpointId, :kind, :sessionId, :position)")
    void addCheckpoint(String eventId, String checkpointId, String kind, @Nullable String sessionId, int position);

    @Query("DELETE FROM event_sessions WHERE event_id = :eventId")
    void clearSessions(String eventId);

    @Query("INSERT INTO event_sessions (event_id, session_id, title, room, capacity, position) "
            + "VALUES (:eventId, :sessionId, :title, :room, :capacity, :position)")
    void addSession(String eventId, String sessionId, @Nullable String title, @Nullable String room,
                    @Nullable Integer capacity, int position);

    /** A status change; null details keep what is known, an erased registration never gets personal data back. */
    @Query("MERGE INTO registrations r USING (VALUES (1)) AS s(one) ON r.registration_id = :registrationId "
            + "WHEN MATCHED AND r.status_at <= :at THEN UPDATE SET status = :status, "
            + "ticket_type = COALESCE(:ticketType, r.ticket_type), country = COALESCE(:country, r.country), "
            + "organization_kind = COALESCE(:organizationKind, r.organization_kind), "
            + "organization = CASE WHEN r.erased THEN NULL ELSE COALESCE(:organization, r.organization) END, "
            + "full_name = CASE WHEN r.erased THEN NULL ELSE COALESCE(:fullName, r.full_name) END, "
            + "job_title = CASE WHEN r.erased THEN NULL ELSE COALESCE(:jobTitle, r.job_title) END, "
            + "status_at = :at "
            + "WHEN NOT MATCHED THEN INSERT (registration_id, event_id, status, ticket_type, country, organization_kind, "
            + "organization, full_name, job_title, status_at) "
            + "VALUES (:registrationId, :eventId, :status, :ticketType, :country, :organizationKind, :organization, "
            + ":fullName, :jobTitle, :at)")
    void upsertRegistration(String registrationId, String eventId, String status, @Nullable String ticketType,
                            @Nullable String country, @Nullable String organizationKind, @Nullable String organization,
                            @Nullable String fullName, @Nullable String jobTitle, Instant at);

    /** RegistrationCorrected: new values replace the held ones; an erased registration stays erased. */
    @Query("UPDATE registrations SET country = COALESCE(:country, country), "
            + "organization = CASE WHEN erased THEN NULL ELSE COALESCE(:organization, organization) END, "
            + "full_name = CASE WHEN erased THEN NULL ELSE COALESCE(:fullName, full_name) END, "
            + "job_title = CASE WHEN erased THEN NULL ELSE COALESCE(:jobTitle, job_title) END "
            + "WHERE registration_id = :registrationId")
    void correctRegistration(String registrationId, @Nullable String country, @Nullable String organization,
                             @Nullable String fullName, @Nullable String jobTitle);

    @Query("DELETE FROM registration_sessions WHERE registration_id = :registrationId")
    void clearRegistrationSessions(String registrationId);

    @Query("INSERT INTO registration_sessions (registration_id, session_id) VALUES (:registrationId, :sessionId)")
    void addRegistrationSession(String registrationId, String sessionId);

    @Query("UPDATE registrations SET organization = NULL, full_name = NULL, job_title = NULL, erased = TRUE "
            + "WHERE registration_id = :registrationId")
    void eraseRegistration(String registrationId);

    @Query("MERGE INTO tickets t USING (VALUES (1)) AS s(one) ON t.ticket_id = :ticketId "
            + "WHEN MATCHED THEN UPDATE SET registration_id = :registrationId, event_id = :eventId, ticket_type = :ticketType "
            + "WHEN NOT MATCHED THEN INSERT (ticket_id, registration_id, event_id, ticket_type) "
            + "VALUES (:ticketId, :registrationId, :eventId, :ticketType)")
    void upsertTicket(String ticketId, @Nullable String registrationId, String eventId, @Nullable String ticketType);

    @Query("MERGE INTO tickets t USING (VALUES (1)) AS s(one) ON t.ticket_id = :ticketId "
            + "WHEN MATCHED THEN UPDATE SET revoked = TRUE "
            + "WHEN NOT MATCHED THEN INSERT (ticket_id, event_id, revoked) VALUES (:ticketId, :eventId, TRUE)")
    void revokeTicket(String ticketId, String eventId);

    @Query("MERGE INTO admissions a USING (VALUES (1)) AS s(one) "
            + "ON a.ticket_id = :ticketId AND a.checkpoint_id = :checkpointId "
            + "WHEN MATCHED THEN UPDATE SET first_at = LEAST(a.first_at, :at), last_at = GREATEST(a.last_at, :at), "
            + "last_device_id = CASE WHEN a.last_at <= :at THEN :deviceId ELSE a.last_device_id END, "
            + "last_method = CASE WHEN a.last_at <= :at THEN :method ELSE a.last_method END, "
            + "ticket_type = COALESCE(a.ticket_type, :ticketType) "
            + "WHEN NOT MATCHED THEN INSERT (ticket_id, checkpoint_id, event_id, ticket_type, first_at, last_at, "
            + "last_device_id, last_method) "
            + "VALUES (:ticketId, :checkpointId, :eventId, :ticketType, :at, :at, :deviceId, :method)")
    void recordAdmission(String ticketId, String checkpointId, String eventId, @Nullable String ticketType, Instant at,
                         @Nullable String deviceId, @Nullable String method);

    /** Any fact a device produced: its latest checkpoint and when check-in last heard from it. */
    @Query("MERGE INTO devices d USING (VALUES (1)) AS s(one) ON d.event_id = :eventId AND d.device_id = :deviceId "
            + "WHEN MATCHED THEN UPDATE SET facts = d.facts + 1, "
            + "checkpoint_id = CASE WHEN d.last_contact_at <= :at THEN COALESCE(:checkpointId, d.checkpoint_id) "
            + "ELSE d.checkpoint_id END, "
            + "last_contact_at = GREATEST(d.last_contact_at, :at) "
            + "WHEN NOT MATCHED THEN INSERT (event_id, device_id, checkpoint_id, last_contact_at, facts) "
            + "VALUES (:eventId, :deviceId, :checkpointId, :at, 1)")
    void recordDeviceContact(String eventId, String deviceId, @Nullable String checkpointId, Instant at);

    @Query("MERGE INTO exits x USING (VALUES (1)) AS s(one) "
            + "ON x.ticket_id = :ticketId AND x.checkpoint_id = :checkpointId "
            + "WHEN MATCHED THEN UPDATE SET last_at = GREATEST(x.last_at, :at) "
            + "WHEN NOT MATCHED THEN INSERT (ticket_id, checkpoint_id, event_id, last_at) "
            + "VALUES (:ticketId, :checkpointId, :eventId, :at)")
    void recordExit(String ticketId, String checkpointId, String eventId, Instant at);

    @Query("INSERT INTO rejections (event_id, checkpoint_id, reason, scanned_at) VALUES (:eventId, :checkpointId, :reason, :at)")
    void recordRejection(String eventId, @Nullable String checkpointId, String reason, Instant at);

    @Query("INSERT INTO conflicts (event_id, ticket_id, checkpoint_id, device_id, scanned_at, "
            + "first_checkpoint_id, first_device_id, first_scanned_at) VALUES (:eventId, :ticketId, :checkpointId, "
            + ":deviceId, :at, :firstCheckpointId, :firstDeviceId, :firstAt)")
    void recordConflict(String eventId, String ticketId, @Nullable String checkpointId, @Nullable String deviceId, Instant at,
                        @Nullable String firstCheckpointId, @Nullable String firstDeviceId, @Nullable Instant firstAt);

    @Query("MERGE INTO projection_changes c USING (VALUES (1)) AS s(one) ON c.event_id = :eventId "
            + "WHEN MATCHED THEN UPDATE SET updated_at = :at, version = c.version + 1 "
            + "WHEN NOT MATCHED THEN INSERT (event_id, updated_at, version) VALUES (:eventId, :at, 1)")
    void touch(String eventId, Instant at);
}
