package dev.entrada.registration.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An event as the public API shows it (DESIGN.md, Public API). */
public record EventResponse(
        String id,
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
        List<Event.TicketType> ticketTypes,
        List<Event.Session> sessions,
        List<Event.Checkpoint> checkpoints,
        int confirmed,
        int waitlisted,
        Integer seatsLeft) {

    static EventResponse of(Event e) {
        return new EventResponse(e.id(), e.name(), e.names(), e.venue(), e.city(), e.startsAt(), e.endsAt(),
                e.capacity(), e.waitingList(), e.registrationOpensAt(), e.registrationClosesAt(),
                e.ticketTypes(), e.sessions(), e.checkpoints(), e.confirmed(), e.waitlisted(), e.seatsLeft());
    }
}
