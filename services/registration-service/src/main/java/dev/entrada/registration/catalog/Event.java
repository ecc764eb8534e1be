package dev.entrada.registration.catalog;

import dev.entrada.contracts.catalog.EventPublished;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A catalogue event with its live counts.
 *
 * @param capacity seats for confirmed registrations; null means unlimited
 */
public record Event(
        String id,
        long version,
        String name,
        Map<String, String> names,
        String venue,
        String city,
        Instant startsAt,
        Instant endsAt,
        Integer capacity,
        boolean waitingList,
        Instant registrationOpensAt,
        Instant registrationClosesAt,
        List<TicketType> ticketTypes,
        List<Session> sessions,
        List<Checkpoint> checkpoints,
        int confirmed,
        int waitlisted) {

    public record TicketType(String code, String name, Integer capacity) {
    }

    public record Session(String id, String title, String room, Instant startsAt, Instant endsAt, Integer capacity) {
    }

    public record Checkpoint(String id, String name, EventPublished.CheckpointKind kind, String sessionId) {
    }

    /** Null when the event has no capacity limit. */
    public Integer seatsLeft() {
        return capacity == null ? null : Math.max(0, capacity - confirmed);
    }

    public Optional<TicketType> ticketType(String code) {
        return ticketTypes.stream().filter(t -> t.code().equals(code)).findFirst();
    }

    public boolean hasSession(String sessionId) {
        return sessions.stream().anyMatch(s -> s.id().equals(sessionId));
    }

    public EventPublished toPublished(Instant now) {
        return new EventPublished(id, version, name, names, venue, city, startsAt, endsAt, capacity, waitingList,
                registrationOpensAt, registrationClosesAt,
                ticketTypes.stream().map(t -> new EventPublished.TicketType(t.code(), t.name(), t.capacity())).toList(),
                sessions.stream().map(s -> new EventPublished.Session(s.id(), s.title(), s.room(), s.startsAt(), s.endsAt(), s.capacity())).toList(),
                checkpoints.stream().map(c -> new EventPublished.Checkpoint(c.id(), c.name(), c.kind(), c.sessionId())).toList(),
                now);
    }
}
