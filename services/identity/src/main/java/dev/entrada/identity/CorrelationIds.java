package dev.entrada.identity;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id that ties together everything one request caused, across services: the gateway sets
 * {@link #HEADER} on every forwarded request (keeping a sane incoming one), each service keeps it in the
 * logging MDC under {@link #MDC_KEY} while it handles the request, the outbox stores it with the event and
 * the relay sends it as the Kafka header {@code correlation-id}; consumers put it back in the MDC.
 */
public final class CorrelationIds {
    /** HTTP request (and gateway response) header. */
    public static final String HEADER = "X-Correlation-Id";
    /** Key in the logging MDC (a field of every JSON log line). */
    public static final String MDC_KEY = "correlationId";

    /** Letters, digits and {@code . _ : -}, at most 64: a UUID, a W3C trace id, a load balancer's request id. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** {@code candidate} if it is sane (safe to log and forward), else null. */
    public static String accept(String candidate) {
        return candidate != null && SANE.matcher(candidate).matches() ? candidate : null;
    }

    /** {@code candidate} if it is sane, else a new random id. */
    public static String acceptOrNew(String candidate) {
        String accepted = accept(candidate);
        return accepted != null ? accepted : UUID.randomUUID().toString();
    }

    private CorrelationIds() {
    }
}
