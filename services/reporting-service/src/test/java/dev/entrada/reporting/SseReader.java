package dev.entrada.reporting;

import dev.entrada.reporting.attendance.AttendanceReport;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A plain Server-Sent Events client (JDK HttpClient, line by line), reading what a browser's EventSource reads. */
final class SseReader implements AutoCloseable {
    private final HttpResponse<Stream<String>> response;
    private final ObjectMapper mapper;
    private final BlockingQueue<AttendanceReport> reports = new LinkedBlockingQueue<>();
    private final AtomicInteger received = new AtomicInteger();
    private volatile AttendanceReport latest;

    private SseReader(HttpResponse<Stream<String>> response, ObjectMapper mapper) {
        this.response = response;
        this.mapper = mapper;
        Thread reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code callerToken}: the {@code X-Entrada-Caller} token the gateway would add. */
    static SseReader open(URI uri, ObjectMapper mapper, String callerToken) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").header(TestCallers.HEADER, callerToken).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        return new SseReader(response, mapper);
    }

    private void read() {
        try (Stream<String> lines = response.body()) {
            lines.filter(line -> line.startsWith("data:")).forEach(line -> {
                String json = line.substring("data:".length()).trim();
                if (json.contains("\"eventId\"")) { // heartbeats carry only {"at": …}
                    AttendanceReport report = parse(json);
                    latest = report;
                    received.incrementAndGet();
                    reports.add(report);
                }
            });
        } catch (RuntimeException closed) {
            // the test closed the stream
        }
    }

    private AttendanceReport parse(String json) {
        try {
            return mapper.readValue(json, AttendanceReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The next report not yet taken, waiting at most {@code timeout}. */
    AttendanceReport next(Duration timeout) throws InterruptedException {
        AttendanceReport report = reports.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(report).as("an SSE data event within " + timeout).isNotNull();
        return report;
    }

    AttendanceReport latest() {
        return latest;
    }

    int received() {
        return received.get();
    }

    @Override
    public void close() {
        response.body().close();
    }
}
