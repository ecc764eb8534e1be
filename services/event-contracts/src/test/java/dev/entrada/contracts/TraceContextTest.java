package dev.entrada.contracts;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TraceContextTest {
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .build();

    @AfterEach
    void close() {
        otel.close();
    }

    @Test
    void aRequestsTraceContinuesThroughTheOutboxAndKafkaIntoTheConsumer() {
        Span request = otel.getTracer("test").spanBuilder("POST /api/registrations").setSpanKind(SpanKind.SERVER).startSpan();
        String stored;
        try (Scope ignored = request.makeCurrent()) {
            stored = TraceContext.current(); // what the outbox row keeps
        } finally {
            request.end();
        }
        assertThat(stored).matches("00-" + request.getSpanContext().getTraceId() + "-" + request.getSpanContext().getSpanId() + "-01");

        Instant written = Instant.now().minusMillis(40);
        Span publish = TraceContext.startPublish(otel, Topics.REGISTRATION_EVENTS, stored, written);
        String header = TraceContext.of(publish);
        publish.end();
        AtomicReference<String> seenInHandler = new AtomicReference<>();
        TraceContext.consume(otel, Topics.REGISTRATION_EVENTS, header, () -> seenInHandler.set(TraceContext.current()));

        SpanData server = find("POST /api/registrations");
        SpanData producer = find("registration-events publish");
        SpanData consumer = find("registration-events process");
        assertThat(List.of(producer.getTraceId(), consumer.getTraceId())).containsOnly(server.getTraceId());
        assertThat(producer.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(producer.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(producer.getStartEpochNanos()).isEqualTo(written.getEpochSecond() * 1_000_000_000L + written.getNano());
        assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanId());
        assertThat(consumer.getKind()).isEqualTo(SpanKind.CONSUMER);
        // what the handler writes to its own outbox continues the same trace
        assertThat(seenInHandler.get()).contains(server.getTraceId()).contains(consumer.getSpanId());
    }

    @Test
    void withoutASpanNothingIsStoredAndARecordWithoutHeaderStartsItsOwnTrace() {
        assertThat(TraceContext.current()).isNull();
        assertThat(TraceContext.startPublish(otel, Topics.CHECKIN_EVENTS, null, Instant.now())).isNull();

        TraceContext.consume(otel, Topics.CHECKIN_EVENTS, null, () -> { });
        TraceContext.consume(otel, Topics.CHECKIN_EVENTS, "not a traceparent", () -> { });

        assertThat(spans.getFinishedSpanItems()).hasSize(2).allSatisfy(span -> {
            assertThat(span.getParentSpanContext().isValid()).isFalse();
            assertThat(span.getSpanContext().isValid()).isTrue();
        });
    }

    @Test
    void aFailingHandlerMarksItsSpanAndStillThrows() {
        assertThatThrownBy(() -> TraceContext.consume(otel, Topics.TICKET_EVENTS, null, () -> {
            throw new IllegalStateException("database down");
        })).hasMessage("database down");

        SpanData consumer = find("ticket-events process");
        assertThat(consumer.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(consumer.getEvents()).anySatisfy(event -> assertThat(event.getName()).isEqualTo("exception"));
    }

    private SpanData find(String name) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
    }
}
