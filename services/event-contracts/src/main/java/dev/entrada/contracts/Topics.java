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

    /** Where a consumer that gave up parks a poison record. */
    public static String deadLetter(String topic) {
        return topic + "-dlt";
    }

    private Topics() {
    }
}
