package dev.entrada.registration;

import dev.entrada.local.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * The service as it runs: real HTTP on a random port, a real Kafka broker (one per test class),
 * an H2 file database in a fresh folder. Subclasses may point the datasource elsewhere. The
 * context is closed after each class, before its broker (see {@link KafkaBrokerExtension}).
 */
@ExtendWith(KafkaBrokerExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class ServiceTestSupport {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws IOException {
        KafkaBroker broker = KafkaBrokerExtension.broker();
        Path dataDir = Files.createTempDirectory("registration-service-it-");
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
        registry.add("ENTRADA_DATA_DIR", dataDir::toString);
        registry.add("entrada.service-token-secret", () -> TestCallers.SECRET);
    }

    record Response(int status, String contentType, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Response post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    Response send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** The headers of a signed-in organiser's request, as the gateway forwards it. */
    static String[] organizer() {
        return new String[] {TestCallers.HEADER, TestCallers.organizer()};
    }

    Response register(String eventId, Map<String, Object> body) {
        return post("/api/events/" + eventId + "/registrations", JSON.writeValueAsString(body));
    }

    static Map<String, Object> attendee(String email) {
        return new java.util.LinkedHashMap<>(Map.of(
                "fullName", "Lucía Fernández Ortega",
                "email", email,
                "organization", "Metalúrgica La Mancha S.L.",
                "country", "ES",
                "locale", "es",
                "consent", true));
    }

    /** A test event with one ticket type (no limit of its own) and no registration window. */
    void createEvent(String id, Integer capacity, boolean waitingList) {
        jdbc.update("INSERT INTO events (id, version, published_version, name, venue, city, starts_at, ends_at, capacity, waiting_list)"
                        + " VALUES (?, 1, 1, 'Test', 'Sala', 'Ciudad Real', ?, ?, ?, ?)",
                id, java.sql.Timestamp.valueOf("2030-01-01 09:00:00"), java.sql.Timestamp.valueOf("2030-01-01 18:00:00"),
                capacity, waitingList);
        jdbc.update("INSERT INTO ticket_types (event_id, code, name, capacity, position) VALUES (?, 'GENERAL', 'General', NULL, 0)", id);
    }

    void addSession(String eventId, String sessionId, Integer capacity) {
        jdbc.update("INSERT INTO sessions (event_id, id, title, room, starts_at, ends_at, capacity, position) VALUES (?, ?, 'Talk', 'Sala 1', ?, ?, ?, 0)",
                eventId, sessionId, java.sql.Timestamp.valueOf("2030-01-01 10:00:00"), java.sql.Timestamp.valueOf("2030-01-01 11:00:00"), capacity);
    }

    /** Runs {@code tasks} calls on {@code threads} threads, all released at once; answers in task order. */
    static <T> List<T> concurrently(int threads, int tasks, java.util.function.IntFunction<T> call) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (java.util.concurrent.Future<T> f : futures) {
                results.add(f.get(5, java.util.concurrent.TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static String uniqueEmail() {
        return "attendee-" + UUID.randomUUID() + "@example.com";
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static KafkaConsumer<String, String> consumer(String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.broker().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.broker().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    /** Polls {@code topic} from the beginning until records matching {@code wanted} have arrived. */
    static List<ConsumerRecord<String, String>> awaitRecords(String topic, Predicate<ConsumerRecord<String, String>> wanted, int count) {
        return awaitRecords(topic, wanted, count, Duration.ofSeconds(30));
    }

    static List<ConsumerRecord<String, String>> awaitRecords(String topic, Predicate<ConsumerRecord<String, String>> wanted, int count,
                                                            Duration atMost) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(topic)) {
            await().atMost(atMost).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (wanted.test(record)) {
                        found.add(record);
                    }
                }
                return found.size() >= count;
            });
        }
        return found;
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
