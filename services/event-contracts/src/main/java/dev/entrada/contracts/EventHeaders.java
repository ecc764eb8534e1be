package dev.entrada.contracts;

/** Kafka record headers carried by every event. Values are UTF-8 strings. */
public final class EventHeaders {
    /** Logical event type, e.g. {@code TicketIssued}; never a Java class name. */
    public static final String EVENT_TYPE = "event-type";
    /** UUID of this event: the idempotency key consumers remember. */
    public static final String EVENT_ID = "event-id";
    /**
     * Optional: the id of the request (or of the consumed event) that caused this event, so that one
     * registration can be followed through every service's logs. Absent on events from before issue 9.
     */
    public static final String CORRELATION_ID = "correlation-id";
    /**
     * Optional: the W3C Trace Context ({@code 00-<trace id>-<span id>-<flags>}) of the span that emitted this
     * event, so one trace runs from the request through every service that consumes it (see TraceContext).
     */
    public static final String TRACEPARENT = "traceparent";
    /** On a dead-lettered record: why the consumer gave up. */
    public static final String DLT_ERROR = "dlt-error";

    private EventHeaders() {
    }
}
