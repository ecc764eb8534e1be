package dev.entrada.systemtests;

import dev.entrada.local.Stack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9: one trace across the flow. A registration made inside a caller's trace (its {@code traceparent})
 * is followed by the collector through the gateway, registration, the outbox and Kafka, ticketing (which
 * issues the ticket), and the check-in and reporting services that consume it; a scan likewise from the
 * gateway through check-in to reporting. Every span of each trace hangs from the caller's span, and the
 * services' log lines written meanwhile carry the trace id, in both frameworks.
 */
@ExtendWith(SharedStack.class)
class TracingIT {
    private static final Duration EXPORTED = Duration.ofSeconds(60);
    private static final String EVENT = "b2b-industrial-2017";

    @Test
    void aRegistrationAndItsScanAreEachOneTraceAcrossEveryServiceThatTookPart(Stack stack, OtlpReceiver traces) {
        Traceparent registrationTrace = Traceparent.random();
        Gateway.Response registered = new Gateway(stack.gatewayUrl()).withHeader("traceparent", registrationTrace.header())
                .post("/api/events/" + EVENT + "/registrations", Map.of(
                        "fullName", "Lucía Ferrer", "email", "lucia-" + UUID.randomUUID() + "@example.com",
                        "organization", "Universidad de Castilla-La Mancha", "country", "ES", "locale", "es", "consent", true));
        assertThat(registered.status()).isEqualTo(201);

        await().atMost(EXPORTED).untilAsserted(() -> {
            List<OtlpReceiver.Span> trace = traces.trace(registrationTrace.traceId());
            assertThat(services(trace)).containsExactlyInAnyOrder(
                    "api-gateway", "registration-service", "ticketing-service", "checkin-service", "reporting-service");
            assertThat(trace).anySatisfy(span -> assertSpan(span, "registration-service", "SPAN_KIND_PRODUCER", "registration-events publish"));
            assertThat(trace).anySatisfy(span -> assertSpan(span, "ticketing-service", "SPAN_KIND_CONSUMER", null));
            assertThat(trace).anySatisfy(span -> assertSpan(span, "ticketing-service", "SPAN_KIND_PRODUCER", "ticket-events publish"));
            assertThat(trace).anySatisfy(span -> assertSpan(span, "checkin-service", "SPAN_KIND_CONSUMER", "ticket-events process"));
            assertThat(trace).anySatisfy(span -> assertSpan(span, "reporting-service", "SPAN_KIND_CONSUMER", "ticket-events process"));
            assertConnected(trace, registrationTrace.callerSpanId());
        });
        print("registration", traces.trace(registrationTrace.traceId()));
        // Spring Boot's log line of the registration (the trace id beside the message)
        await().atMost(EXPORTED).untilAsserted(() -> assertThat(log(stack, "registration-service"))
                .anyMatch(line -> line.contains(registrationTrace.traceId()) && line.contains("registration ")));

        String code = DashboardPageIT.register(new Gateway(stack.gatewayUrl())).code();
        Traceparent scanTrace = Traceparent.random();
        Gateway.Response scanned = Gateway.staff(stack).withHeader("traceparent", scanTrace.header()).post("/api/checkins", Map.of(
                "code", code, "checkpointId", "entrance", "deviceId", "tracing-it", "nonce", UUID.randomUUID().toString()));
        assertThat(scanned.body().get("verdict").asString()).isEqualTo("ADMITTED");

        await().atMost(EXPORTED).untilAsserted(() -> {
            List<OtlpReceiver.Span> trace = traces.trace(scanTrace.traceId());
            assertThat(services(trace)).containsExactlyInAnyOrder("api-gateway", "checkin-service", "reporting-service");
            assertThat(trace).anySatisfy(span -> assertSpan(span, "checkin-service", "SPAN_KIND_SERVER", null));
            assertThat(trace).anySatisfy(span -> assertSpan(span, "checkin-service", "SPAN_KIND_PRODUCER", "checkin-events publish"));
            assertThat(trace).anySatisfy(span -> assertSpan(span, "reporting-service", "SPAN_KIND_CONSUMER", "checkin-events process"));
            assertConnected(trace, scanTrace.callerSpanId());
        });
        print("scan", traces.trace(scanTrace.traceId()));
        // a Micronaut service's log line of the same trace: reporting applying the check-in
        await().atMost(EXPORTED).untilAsserted(() -> assertThat(log(stack, "reporting-service"))
                .anyMatch(line -> line.contains(scanTrace.traceId()) && line.contains("Applied AttendeeCheckedIn")));
    }

    private static List<String> log(Stack stack, String service) throws IOException {
        byte[] log = Files.readAllBytes(stack.config().dataDir().resolve("logs").resolve(service + ".log"));
        return new String(log, StandardCharsets.UTF_8).lines().toList();
    }

    private static void print(String what, List<OtlpReceiver.Span> trace) {
        System.out.println("Trace of a " + what + " (" + trace.size() + " spans):");
        trace.forEach(span -> System.out.printf("  %-21s %-9s %s%n", span.service(), span.kind().replace("SPAN_KIND_", ""), span.name()));
    }

    /** A caller already inside a trace of its own: the header it sends, and the ids in it. */
    private record Traceparent(String traceId, String callerSpanId) {
        static Traceparent random() {
            byte[] traceId = new byte[16];
            byte[] spanId = new byte[8];
            ThreadLocalRandom.current().nextBytes(traceId);
            ThreadLocalRandom.current().nextBytes(spanId);
            return new Traceparent(HexFormat.of().formatHex(traceId), HexFormat.of().formatHex(spanId));
        }

        String header() {
            return "00-" + traceId + "-" + callerSpanId + "-01";
        }
    }

    private static Set<String> services(List<OtlpReceiver.Span> trace) {
        return trace.stream().map(OtlpReceiver.Span::service).collect(Collectors.toSet());
    }

    private static void assertSpan(OtlpReceiver.Span span, String service, String kind, String name) {
        assertThat(span.service()).isEqualTo(service);
        assertThat(span.kind()).isEqualTo(kind);
        if (name != null) {
            assertThat(span.name()).isEqualTo(name);
        }
    }

    /** Every span's parent is the caller's span or another span of the trace: one tree, no orphan. */
    private static void assertConnected(List<OtlpReceiver.Span> trace, String callerSpanId) {
        Set<String> ids = trace.stream().map(OtlpReceiver.Span::spanId).collect(Collectors.toSet());
        ids.add(callerSpanId);
        assertThat(trace).allSatisfy(span -> assertThat(ids).as("parent of %s", span).contains(span.parentSpanId()));
    }
}
