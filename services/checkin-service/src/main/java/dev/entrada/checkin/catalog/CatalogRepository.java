package dev.entrada.checkin.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CatalogRepository extends CrudRepository<ReplicaEvent, String> {

    Optional<Long> findVersionByEventId(String eventId);

    @Query("SELECT event_id, checkpoint_id, name, kind, session_id FROM checkpoints WHERE checkpoint_id = :checkpointId ORDER BY event_id")
    List<Checkpoint> findCheckpoints(String checkpointId);

    @Query("SELECT event_id, checkpoint_id, name, kind, session_id FROM checkpoints WHERE event_id = :eventId ORDER BY checkpoint_id")
    List<Checkpoint> findCheckpointsOfEvent(String eventId);

    @Query("DELETE FROM checkpoints WHERE event_id = :eventId")
    void deleteCheckpoints(String eventId);

    @Query("INSERT INTO checkpoints (event_id, checkpoint_id, name, kind, session_id) VALUES (:eventId, :checkpointId, :name, :kind, :sessionId)")
    void insertCheckpoint(String eventId, String checkpointId, String name, String kind, @Nullable String sessionId);

    @Query("SELECT code FROM ticket_types WHERE event_id = :eventId ORDER BY code")
    List<String> findTicketTypeCodes(String eventId);

    @Query("DELETE FROM ticket_types WHERE event_id = :eventId")
    void deleteTicketTypes(String eventId);

    @Query("INSERT INTO ticket_types (event_id, code, name) VALUES (:eventId, :code, :name)")
    void insertTicketType(String eventId, String code, String name);
}
