package dev.entrada.checkin.catalog;

import dev.entrada.checkin.messaging.UnreadableEventException;
import dev.entrada.checkin.web.InvalidInputException;
import dev.entrada.contracts.catalog.EventPublished;
import dev.entrada.contracts.code.TicketCode;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Keeps the catalogue replica (events, checkpoints, ticket types); runs inside the caller's transaction. */
@Singleton
public class CatalogReplica {
    private static final Logger log = LoggerFactory.getLogger(CatalogReplica.class);

    private final CatalogRepository repository;

    public CatalogReplica(CatalogRepository repository) {
        this.repository = repository;
    }

    public void apply(EventPublished event) {
        UnreadableEventException.require(event.eventId(), "eventId");
        UnreadableEventException.require(event.name(), "name");
        Optional<Long> known = repository.findVersionByEventId(event.eventId());
        if (known.isPresent() && known.get() >= event.version()) {
            log.debug("event {} version {} is not newer than {}; ignored", event.eventId(), event.version(), known.get());
            return;
        }
        ReplicaEvent row = new ReplicaEvent(event.eventId(), event.version(), event.name(), event.startsAt(), event.endsAt(), Instant.now());
        if (known.isPresent()) {
            repository.update(row);
        } else {
            repository.save(row);
        }
        // The message is the full current state, so the lists are replaced, not merged.
        repository.deleteCheckpoints(event.eventId());
        for (EventPublished.Checkpoint checkpoint : listOrEmpty(event.checkpoints())) {
            UnreadableEventException.require(checkpoint.id(), "checkpoints.id");
            String kind = checkpoint.kind() == null ? EventPublished.CheckpointKind.DOOR.name() : checkpoint.kind().name();
            repository.insertCheckpoint(event.eventId(), checkpoint.id(),
                    checkpoint.name() == null ? checkpoint.id() : checkpoint.name(), kind, checkpoint.sessionId());
        }
        repository.deleteTicketTypes(event.eventId());
        for (EventPublished.TicketType type : listOrEmpty(event.ticketTypes())) {
            UnreadableEventException.require(type.code(), "ticketTypes.code");
            repository.insertTicketType(event.eventId(), type.code(), type.name() == null ? type.code() : type.name());
        }
        log.info("catalogue event {} now at version {}", event.eventId(), event.version());
    }

    /** Checkpoints with this id, across events (ids are meant to be unique; several means ambiguous). */
    public List<Checkpoint> checkpoints(String checkpointId) {
        return repository.findCheckpoints(checkpointId);
    }

    /**
     * The checkpoint a request names, or a 422 naming {@code checkpointId}; {@code eventId} (optional)
     * picks one when two events use the same checkpoint id.
     */
    public Checkpoint resolve(String checkpointId, String eventId) {
        List<Checkpoint> candidates = checkpoints(checkpointId).stream()
                .filter(c -> eventId == null || c.eventId().equals(eventId))
                .toList();
        if (candidates.isEmpty()) {
            throw new InvalidInputException("checkpointId", "no such checkpoint");
        }
        if (candidates.size() > 1) {
            throw new InvalidInputException("checkpointId", "more than one event has this checkpoint; send eventId too");
        }
        return candidates.get(0);
    }

    public boolean hasEvent(String eventId) {
        return repository.existsById(eventId);
    }

    public List<Checkpoint> checkpointsOf(String eventId) {
        return repository.findCheckpointsOfEvent(eventId);
    }

    public List<String> ticketTypeCodes(String eventId) {
        return repository.findTicketTypeCodes(eventId);
    }

    /** The ticket type code a code's 2-byte reference stands for, if the event has exactly one such type. */
    public Optional<String> ticketType(String eventId, TicketCode.Claims claims) {
        List<String> matches = repository.findTicketTypeCodes(eventId).stream().filter(claims::isOfType).toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
