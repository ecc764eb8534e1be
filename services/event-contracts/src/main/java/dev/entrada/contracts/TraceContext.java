package dev.entrada.contracts;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One trace across Kafka (issue 9): the outbox keeps the W3C {@code traceparent} of the span that wrote a
 * row, the relay publishes the row in a PRODUCER span child of it and sends that span's context as the
 * {@link EventHeaders#TRACEPARENT} header, and a consumer handles the record in a CONSUMER span child of the
 * header. Spring's listeners do the last step themselves (Spring Kafka's observation reads the same
 * header); the Micronaut services call {@link #consume}. Plain OpenTelemetry API: each framework supplies
 * the SDK, and without one every call here is a no-op.
 */
public final class TraceContext {
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /** The {@code traceparent} of the span current on this thread (what an outbox row keeps), or null if none. */
    public static String current() {
        return of(Context.current());
    }

    /**
     * Starts the PRODUCER span of publishing one outbox row, from when the row was written (so the outbox's
     * delay shows in the trace), child of the row's {@code traceparent}; null when the row has none.
     * Send {@link #of(Span)} as the record's header and end the span when the broker acknowledged.
     */
    public static Span startPublish(OpenTelemetry openTelemetry, String topic, String traceParent, Instant writtenAt) {
        if (traceParent == null) {
            return null;
        }
        return openTelemetry.getTracer("dev.entrada.outbox").spanBuilder(topic + " publish")
                .setParent(parent(traceParent))
                .setSpanKind(SpanKind.PRODUCER)
                .setStartTimestamp(writtenAt)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.operation.type", "send")
                .startSpan();
    }

    /**
     * Runs {@code handling} of a record from {@code topic} in a CONSUMER span, child of the record's
     * {@code traceparent} header value (a new trace when it has none), current on this thread meanwhile.
     */
    public static void consume(OpenTelemetry openTelemetry, String topic, String traceParent, Runnable handling) {
        Span span = openTelemetry.getTracer("dev.entrada.consumer").spanBuilder(topic + " process")
                .setParent(traceParent == null ? Context.root() : parent(traceParent))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.operation.type", "process")
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            handling.run();
        } catch (RuntimeException | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    /** The {@code traceparent} of {@code span}, or null if it has no valid context. */
    public static String of(Span span) {
        return of(Context.root().with(span));
    }

    private static String of(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(context, carrier, Map::put);
        return carrier.get(EventHeaders.TRACEPARENT);
    }

    private static Context parent(String traceParent) {
        return W3C.extract(Context.root(), Map.of(EventHeaders.TRACEPARENT, traceParent), MAP);
    }

    private TraceContext() {
    }
}
