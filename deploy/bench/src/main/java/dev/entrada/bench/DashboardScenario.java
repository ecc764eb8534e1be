package dev.entrada.bench;

import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.Topics;
import dev.entrada.local.KafkaBroker;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Scan → the number on the organiser's live stream: time from sending a first scan to the SSE update
 * that counts it. Baseline in the same run: Kafka's own end-to-end latency (produce with acks=all →
 * consume) on the same broker. Also how many check-in events per second the projector folds.
 */
final class DashboardScenario {
    static final String NAME = "scan to dashboard";

    static List<Measurement> run(String checkinUrl, String reportingUrl, ScanScenario.Tickets tickets, int samples,
                                 KafkaBroker broker) throws Exception {
        AtomicInteger checkedIn = new AtomicInteger(-1);
        AtomicLong lastChange = new AtomicLong();
        Object signal = new Object();
        CompletableFuture<HttpResponse<Stream<String>>> stream = Http.CLIENT.sendAsync(
                Http.request(reportingUrl + "/api/reports/events/" + tickets.eventId() + "/stream").timeout(Duration.ofDays(1))
                        .header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = stream.get(30, TimeUnit.SECONDS);
        if (response.statusCode() != 200) {
            return List.of(Measurement.plain(NAME, "live stream not available (HTTP " + response.statusCode() + ")", Double.NaN, "", ""));
        }
        Thread reader = new Thread(() -> {
            try (Stream<String> lines = response.body()) {
                lines.forEach(line -> {
                    if (line.startsWith("data:")) {
                        JsonNode numbers = Http.JSON.readTree(line.substring(5).trim());
                        if (numbers.has("checkedIn")) {
                            synchronized (signal) {
                                checkedIn.set(numbers.get("checkedIn").asInt());
                                lastChange.set(System.nanoTime());
                                signal.notifyAll();
                            }
                        }
                    }
                });
            } catch (java.io.UncheckedIOException e) {
                // the stream ends when the stack stops
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        Histogram toDashboard = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        awaitValue(signal, checkedIn, 0);
        for (int i = 0; i < samples; i++) {
            int before = checkedIn.get();
            long sent = System.nanoTime();
            Http.CLIENT.send(ScanScenario.scan(checkinUrl, tickets, i), HttpResponse.BodyHandlers.discarding());
            awaitValue(signal, checkedIn, before + 1);
            toDashboard.recordValue(lastChange.get() - sent);
        }
        Histogram kafka = kafkaEndToEnd(broker, samples * 5);
        double p99 = toDashboard.getValueAtPercentile(99) / 1e6;
        double kafkaP99 = kafka.getValueAtPercentile(99) / 1e6;
        return List.of(
                Measurement.plain(NAME, "scan → SSE p50", toDashboard.getValueAtPercentile(50) / 1e6, "ms", ""),
                Measurement.plain(NAME, "scan → SSE p99", p99, "ms", "≤ 250 ms"),
                Measurement.plain(NAME, "Kafka end-to-end p99 (baseline)", kafkaP99, "ms", ""),
                Measurement.plain(NAME, "overhead above Kafka (p99 − p99)", p99 - kafkaP99, "ms", "≤ 200 ms"));
    }

    private static void awaitValue(Object signal, AtomicInteger value, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        synchronized (signal) {
            while (value.get() < atLeast) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("the live stream never showed checkedIn ≥ " + atLeast + " (has " + value.get() + ")");
                }
                signal.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Produce (acks=all) → consume on a topic of its own, one record at a time: Kafka's own latency. */
    static Histogram kafkaEndToEnd(KafkaBroker broker, int samples) {
        String topic = "bench-latency-" + UUID.randomUUID().toString().substring(0, 8);
        broker.createTopics(List.of(new NewTopic(topic, 1, (short) 1)));
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        try (var producer = new KafkaProducer<String, Long>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, LongSerializer.class));
             var consumer = new KafkaConsumer<String, Long>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                     ConsumerConfig.GROUP_ID_CONFIG, topic, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                     ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                     ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, LongDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            for (int i = 0; i < samples; i++) {
                producer.send(new ProducerRecord<>(topic, "k", System.nanoTime()));
                boolean received = false;
                while (!received) {
                    for (var record : consumer.poll(Duration.ofMillis(100))) {
                        histogram.recordValue(System.nanoTime() - record.value());
                        received = true;
                    }
                }
            }
        }
        return histogram;
    }

    /** Publishes {@code count} check-ins of distinct tickets for a fresh event straight to the topic; folded per second. */
    static Measurement foldRate(String reportingUrl, KafkaBroker broker, int count) throws Exception {
        String eventId = "bench-fold-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        long start = System.nanoTime();
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (int i = 0; i < count; i++) {
                String ticketId = UUID.randomUUID().toString();
                String json = Http.JSON.writeValueAsString(new dev.entrada.contracts.checkin.AttendeeCheckedIn(ticketId, eventId,
                        "GENERAL", "bench-door", "bench-device", "SCAN", null, now, now));
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.CHECKIN_EVENTS, ticketId, json);
                record.headers().add(EventHeaders.EVENT_TYPE, "AttendeeCheckedIn".getBytes(StandardCharsets.UTF_8));
                record.headers().add(EventHeaders.EVENT_ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
        }
        Instant deadline = Instant.now().plusSeconds(300);
        while (Instant.now().isBefore(deadline)) {
            Http.Answer answer = Http.get(reportingUrl + "/api/reports/events/" + eventId + "/attendance");
            if (answer.status() == 200 && answer.body().path("checkedIn").asInt() >= count) {
                return Measurement.plain(NAME, "check-in events folded per second", count / ((System.nanoTime() - start) / 1e9), "/s", "");
            }
            Bench.pause();
        }
        throw new IllegalStateException("reporting did not fold " + count + " check-ins within 5 minutes");
    }

    private DashboardScenario() {
    }
}
