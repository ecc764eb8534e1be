package dev.entrada.registration.registration;

import dev.entrada.registration.catalog.Event;
import dev.entrada.registration.web.InvalidField;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** The decisions of registering, as pure functions: no database, no framework. */
public final class RegistrationRules {

    /** What the attendee chose, checked against the event. */
    public sealed interface Selection {
        record Valid(Event.TicketType ticketType, List<String> sessions) implements Selection {
        }

        record Invalid(List<InvalidField> errors) implements Selection {
        }
    }

    /** What happens to a registration once we know whether a seat could be held. */
    public sealed interface Admission {
        record Confirm() implements Admission {
        }

        record Waitlist() implements Admission {
        }

        record Refuse() implements Admission {
        }
    }

    /** No ticket type means the event's first one; every session must belong to the event. */
    public static Selection select(Event event, String ticketType, List<String> sessions) {
        List<InvalidField> errors = new ArrayList<>();
        Event.TicketType type = null;
        if (ticketType == null || ticketType.isBlank()) {
            if (event.ticketTypes().isEmpty()) {
                errors.add(new InvalidField("ticketType", "this event has no ticket types"));
            } else {
                type = event.ticketTypes().get(0);
            }
        } else {
            type = event.ticketType(ticketType.strip()).orElse(null);
            if (type == null) {
                errors.add(new InvalidField("ticketType", "is not a ticket type of this event"));
            }
        }
        List<String> chosen = sessions == null ? List.of() : List.copyOf(new LinkedHashSet<>(sessions.stream().map(String::strip).toList()));
        for (int i = 0; sessions != null && i < sessions.size(); i++) {
            if (!event.hasSession(sessions.get(i).strip())) {
                errors.add(new InvalidField("sessions[" + i + "]", "is not a session of this event"));
            }
        }
        return errors.isEmpty() ? new Selection.Valid(type, chosen) : new Selection.Invalid(List.copyOf(errors));
    }

    /** Open unless a window is set and {@code now} is outside it. */
    public static boolean isOpen(Event event, Instant now) {
        return (event.registrationOpensAt() == null || !now.isBefore(event.registrationOpensAt()))
                && (event.registrationClosesAt() == null || now.isBefore(event.registrationClosesAt()));
    }

    public static Admission admit(boolean seatHeld, boolean waitingList) {
        if (seatHeld) {
            return new Admission.Confirm();
        }
        return waitingList ? new Admission.Waitlist() : new Admission.Refuse();
    }

    /** One registration per e-mail and event, whatever its case. */
    public static String emailKey(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private RegistrationRules() {
    }
}
