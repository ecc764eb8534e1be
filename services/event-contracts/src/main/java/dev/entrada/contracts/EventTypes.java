package dev.entrada.contracts;

import dev.entrada.contracts.catalog.EventPublished;
import dev.entrada.contracts.checkin.AttendeeCheckedIn;
import dev.entrada.contracts.checkin.AttendeeCheckedOut;
import dev.entrada.contracts.checkin.CheckInConflict;
import dev.entrada.contracts.checkin.CheckInRejected;
import dev.entrada.contracts.registration.AttendeeErased;
import dev.entrada.contracts.registration.RegistrationCancelled;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.registration.RegistrationCorrected;
import dev.entrada.contracts.registration.RegistrationWaitlisted;
import dev.entrada.contracts.signing.SigningKeyPublished;
import dev.entrada.contracts.signing.SigningKeyRetired;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.contracts.ticket.TicketRevoked;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The logical name of every event type and the topic it travels on. The name goes in the
 * {@link EventHeaders#EVENT_TYPE} header; it is spelled out here so that renaming a Java class never
 * changes the wire format.
 */
public final class EventTypes {

    public record EventType(String name, Class<? extends DomainEvent> type, String topic) {
    }

    private static final Map<String, EventType> BY_NAME = new LinkedHashMap<>();

    static {
        register("EventPublished", EventPublished.class, Topics.EVENT_CATALOG);
        register("RegistrationConfirmed", RegistrationConfirmed.class, Topics.REGISTRATION_EVENTS);
        register("RegistrationWaitlisted", RegistrationWaitlisted.class, Topics.REGISTRATION_EVENTS);
        register("RegistrationCorrected", RegistrationCorrected.class, Topics.REGISTRATION_EVENTS);
        register("RegistrationCancelled", RegistrationCancelled.class, Topics.REGISTRATION_EVENTS);
        register("AttendeeErased", AttendeeErased.class, Topics.REGISTRATION_EVENTS);
        register("TicketIssued", TicketIssued.class, Topics.TICKET_EVENTS);
        register("TicketRevoked", TicketRevoked.class, Topics.TICKET_EVENTS);
        register("SigningKeyPublished", SigningKeyPublished.class, Topics.SIGNING_KEYS);
        register("SigningKeyRetired", SigningKeyRetired.class, Topics.SIGNING_KEYS);
        register("AttendeeCheckedIn", AttendeeCheckedIn.class, Topics.CHECKIN_EVENTS);
        register("AttendeeCheckedOut", AttendeeCheckedOut.class, Topics.CHECKIN_EVENTS);
        register("CheckInRejected", CheckInRejected.class, Topics.CHECKIN_EVENTS);
        register("CheckInConflict", CheckInConflict.class, Topics.CHECKIN_EVENTS);
    }

    private static void register(String name, Class<? extends DomainEvent> type, String topic) {
        BY_NAME.put(name, new EventType(name, type, topic));
    }

    public static Optional<EventType> byName(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }

    public static EventType of(DomainEvent event) {
        return of(event.getClass());
    }

    public static EventType of(Class<?> type) {
        return BY_NAME.values().stream()
                .filter(t -> t.type().equals(type))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an Entrada event: " + type.getName()));
    }

    public static Iterable<EventType> all() {
        return BY_NAME.values();
    }

    private EventTypes() {
    }
}
