package dev.entrada.contracts.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The full current state of one catalogue event. Sent on every change; the topic is compacted, so
 * the latest value per event id is the catalogue.
 *
 * @param name      the default (Spanish) name
 * @param names     the name per locale ({@code es}, {@code en})
 * @param capacity  seats for confirmed registrations; null means unlimited
 * @param version   grows by one with every change, so consumers can ignore stale copies
 */
public record EventPublished(
        String eventId,
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
        Instant occurredAt) implements CatalogEvent {

    public record TicketType(String code, String name, Integer capacity) {
    }

    public record Session(String id, String title, String room, Instant startsAt, Instant endsAt, Integer capacity) {
    }

    public enum CheckpointKind { DOOR, SESSION }

    public record Checkpoint(String id, String name, CheckpointKind kind, String sessionId) {
    }

    @Override
    public String partitionKey() {
        return eventId;
    }
}
