package dev.entrada.contracts;

import java.util.List;

/** Kafka topic names. One topic per owning aggregate; only the owning service writes it. */
public final class Topics {
    /** Compacted; key = event id; written by registration-service. */
    public static final String EVENT_CATALOG = "event-catalog";
    /** Key = registration id; written by registration-service. */
    public static final String REGISTRATION_EVENTS = "registration-events";
    /** Key = ticket id; written by ticketing-service. */
    public static final String TICKET_EVENTS = "ticket-events";
    /** Compacted; key = key id; public keys only; written by ticketing-service. */
    public static final String SIGNING_KEYS = "signing-keys";
    /** Key = ticket id (device id when no ticket could be read); written by checkin-service. */
    public static final String CHECKIN_EVENTS = "checkin-events";

    /** Topics whose latest value per key is all that matters. */
    public static final List<String> COMPACTED = List.of(EVENT_CATALOG, SIGNING_KEYS);
    public static final List<String> ALL = List.of(EVENT_CATALOG, REGISTRATION_EVENTS, TICKET_EVENTS, SIGNING_KEYS, CHECKIN_EVENTS);
    /** Topics whose payloads name people (registrations, ticket holders, check-ins), and their dead letters. */
    public static final List<String> PERSONAL = List.of(REGISTRATION_EVENTS, TICKET_EVENTS, CHECKIN_EVENTS);
    /**
     * How long a personal topic keeps a record ({@code retention.ms}): long enough to cover a registration
     * period and the post-event retention window, so reporting can rebuild an event from history; after
     * that the payload ages out of Kafka. Erasure itself is immediate in every service's database
     * ({@code AttendeeErased}); this bounds how long a copy survives in the log (docs/decisions.md).
     */
    public static final long PERSONAL_RETENTION_MS = 180L * 24 * 60 * 60 * 1000;

    /** Where a consumer that gave up parks a poison record. */
    public static String deadLetter(String topic) {
        return topic + "-dlt";
    }

    private Topics() {
    }
}
