package dev.entrada.registration.catalog;

import dev.entrada.registration.web.InvalidField;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What an organiser's event must satisfy beyond single fields; pure, no database. */
public final class EventRules {

    /** Every rule across fields that {@code request} breaks. */
    public static List<InvalidField> check(EventRequest request) {
        List<InvalidField> errors = new ArrayList<>();
        if (!request.endsAt().isAfter(request.startsAt())) {
            errors.add(new InvalidField("endsAt", "must be after startsAt"));
        }
        if (request.registrationOpensAt() != null && request.registrationClosesAt() != null
                && !request.registrationClosesAt().isAfter(request.registrationOpensAt())) {
            errors.add(new InvalidField("registrationClosesAt", "must be after registrationOpensAt"));
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < request.ticketTypes().size(); i++) {
            if (!codes.add(request.ticketTypes().get(i).code())) {
                errors.add(new InvalidField("ticketTypes[" + i + "].code", "is used twice"));
            }
        }
        Set<String> sessions = new HashSet<>();
        for (int i = 0; i < request.sessionsOrEmpty().size(); i++) {
            EventRequest.Session s = request.sessionsOrEmpty().get(i);
            if (!sessions.add(s.id())) {
                errors.add(new InvalidField("sessions[" + i + "].id", "is used twice"));
            }
            if (!s.endsAt().isAfter(s.startsAt())) {
                errors.add(new InvalidField("sessions[" + i + "].endsAt", "must be after startsAt"));
            }
        }
        Set<String> checkpoints = new HashSet<>();
        for (int i = 0; i < request.checkpointsOrEmpty().size(); i++) {
            EventRequest.Checkpoint c = request.checkpointsOrEmpty().get(i);
            if (!checkpoints.add(c.id())) {
                errors.add(new InvalidField("checkpoints[" + i + "].id", "is used twice"));
            }
            if (c.sessionId() != null && !sessions.contains(c.sessionId())) {
                errors.add(new InvalidField("checkpoints[" + i + "].sessionId", "is not a session of this event"));
            }
        }
        return errors;
    }

    /** How a stored ticket type or session is used: confirmed seats, and registrations (not cancelled) that chose it. */
    public record Usage(int confirmed, int registrations) {
    }

    /**
     * Rules against the stored event: nothing a registration chose may disappear, and no capacity
     * may shrink below the seats already confirmed.
     */
    public static List<InvalidField> checkChange(EventRequest request, int confirmed, Map<String, Usage> typeSeats,
                                                 Map<String, Usage> sessionSeats) {
        List<InvalidField> errors = new ArrayList<>();
        if (request.capacity() != null && request.capacity() < confirmed) {
            errors.add(new InvalidField("capacity", "is below the " + confirmed + " seats already confirmed"));
        }
        shrinks(errors, "ticketTypes", typeSeats, request.ticketTypes().stream().map(EventRequest.TicketType::code).toList(),
                request.ticketTypes().stream().map(EventRequest.TicketType::capacity).toList());
        shrinks(errors, "sessions", sessionSeats, request.sessionsOrEmpty().stream().map(EventRequest.Session::id).toList(),
                request.sessionsOrEmpty().stream().map(EventRequest.Session::capacity).toList());
        return errors;
    }

    private static void shrinks(List<InvalidField> errors, String field, Map<String, Usage> seats, List<String> ids,
                                List<Integer> capacities) {
        seats.forEach((id, usage) -> {
            int index = ids.indexOf(id);
            if (index < 0 && usage.registrations() > 0) {
                errors.add(new InvalidField(field, "must keep " + id + ": " + usage.registrations() + " registrations chose it"));
            } else if (index >= 0 && capacities.get(index) != null && capacities.get(index) < usage.confirmed()) {
                errors.add(new InvalidField(field + "[" + index + "].capacity",
                        "is below the " + usage.confirmed() + " seats already confirmed"));
            }
        });
    }

    private EventRules() {
    }
}
