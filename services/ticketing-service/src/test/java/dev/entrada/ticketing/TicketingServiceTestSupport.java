package dev.entrada.ticketing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.entrada.contracts.ContractFiles;
import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.EventTypes;
import dev.entrada.contracts.Topics;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.registration.RegistrationEvent;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.local.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the whole service against a real Kafka broker of its own (one per test class) and an H2
 * database in a fresh folder, unless a subclass points it elsewhere. The broker is stopped only
 * after the application context (see {@link AfterApplicationClosed}), so no client hangs on a
 * vanished broker.
 */
@ExtendWith(TicketingServiceTestSupport.AfterApplicationClosed.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class TicketingServiceTestSupport {
    /** The golden sample's {@code accessTokenHash} is the SHA-256 of this token. */
    protected static final String SAMPLE_TOKEN = "test";

    protected static KafkaBroker broker;
    private static KafkaProducer<String, String> producer;
    private static final Map<String, KafkaConsumer<String, String>> consumers = new HashMap<>();
    private static final Map<String, List<ConsumerRecord<String, String>>> received = new HashMap<>();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final Deque<AutoCloseable> AFTER_APPLICATION = new ArrayDeque<>();

    @Autowired
    protected JsonMapper json;
    @Autowired
    private Environment environment;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.startForTests();
        afterApplication(broker);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        afterApplication(() -> producer.close(Duration.ofSeconds(5)));
    }

    @DynamicPropertySource
    static void kafkaAndDataFolder(DynamicPropertyRegistry registry) throws Exception {
        Path dataDir = Files.createTempDirectory("entrada-ticketing-");
        registry.add("spring.kafka.bootstrap-servers", () -> broker.bootstrapServers());
        String groupId = "ticketing-service-test-" + UUID.randomUUID();
        registry.add("spring.kafka.consumer.group-id", () -> groupId);
        registry.add("ENTRADA_DATA_DIR", dataDir::toString);
        registry.add("entrada.ticketing.retry-interval", () -> "50ms");
        registry.add("entrada.service-token-secret", () -> TestCallers.SECRET);
    }

    /** Runs {@code action} once the application context of this test class is closed. */
    protected static void afterApplication(AutoCloseable action) {
        AFTER_APPLICATION.push(action);
    }

    /**
     * Declared before {@code @SpringBootTest}, so JUnit runs it after Spring's extension has closed
     * the (dirtied) context: clients stop before the broker and the database they talk to.
     */
    static final class AfterApplicationClosed implements AfterAllCallback {
        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            consumers.values().forEach(KafkaConsumer::close);
            consumers.clear();
            received.clear();
            while (!AFTER_APPLICATION.isEmpty()) {
                AFTER_APPLICATION.pop().close();
            }
        }
    }

    protected RegistrationConfirmed confirmed(String registrationId) {
        RegistrationConfirmed sample = json.readValue(ContractFiles.sample("RegistrationConfirmed"), RegistrationConfirmed.class);
        return new RegistrationConfirmed(registrationId, sample.eventId(), sample.ticketType(), sample.fullName(),
                sample.email(), sample.organization(), sample.organizationKind(), sample.jobTitle(), sample.country(),
                sample.locale(), sample.sessions(), sample.accessTokenHash(), sample.occurredAt());
    }

    /** Publishes as registration-service does: the record's JSON, keyed by registration id, with both headers. */
    protected void publish(RegistrationEvent event, String eventId) {
        publishRaw(event.registrationId(), EventTypes.of(event).name(), eventId, json.writeValueAsString(event));
    }

    protected void publishRaw(String key, String eventType, String eventId, String value) {
        publishTo(Topics.REGISTRATION_EVENTS, key, eventType, eventId, value);
    }

    protected void publishTo(String topic, String key, String eventType, String eventId, String value) {
        publishTo(topic, key, eventType, eventId, value, null);
    }

    /** As above, with a {@code correlation-id} header unless {@code correlationId} is null. */
    protected void publishTo(String topic, String key, String eventType, String eventId, String value, String correlationId) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        if (correlationId != null) {
            record.headers().add(EventHeaders.CORRELATION_ID, correlationId.getBytes(StandardCharsets.UTF_8));
        }
        if (eventType != null) {
            record.headers().add(EventHeaders.EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8));
        }
        if (eventId != null) {
            record.headers().add(EventHeaders.EVENT_ID, eventId.getBytes(StandardCharsets.UTF_8));
        }
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything seen on {@code topic} so far, from its beginning; polls once more on each call. */
    protected static synchronized List<ConsumerRecord<String, String>> recordsOn(String topic) {
        KafkaConsumer<String, String> consumer = consumers.computeIfAbsent(topic, t -> {
            KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
            List<TopicPartition> partitions = c.partitionsFor(t).stream()
                    .map(p -> new TopicPartition(t, p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            return c;
        });
        List<ConsumerRecord<String, String>> all = received.computeIfAbsent(topic, t -> new ArrayList<>());
        consumer.poll(Duration.ofMillis(200)).forEach(all::add);
        return List.copyOf(all);
    }

    /** {@code TicketIssued} records of a registration, in the order they were published. */
    protected List<ConsumerRecord<String, String>> ticketIssuedFor(String registrationId) {
        return recordsOn(Topics.TICKET_EVENTS).stream()
                .filter(r -> "TicketIssued".equals(header(r, EventHeaders.EVENT_TYPE)))
                .filter(r -> registrationId.equals(json.readValue(r.value(), TicketIssued.class).registrationId()))
                .toList();
    }

    protected ConsumerRecord<String, String> awaitTicketIssued(String registrationId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> ticketIssuedFor(registrationId), l -> !l.isEmpty()).get(0);
    }

    protected static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Producer side of the contract: what this service sends validates against the shared schema. */
    protected static void assertMatchesSchema(String eventType, String payload) throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(ContractFiles.schema(eventType));
        Set<ValidationMessage> errors = schema.validate(new ObjectMapper().readTree(payload));
        assertThat(errors).as(eventType + " " + payload).isEmpty();
    }

    protected JsonNode read(String text) {
        return json.readTree(text);
    }

    protected HttpResponse<byte[]> get(String path) {
        return send("GET", path, null);
    }

    /** @param caller the {@link TestCallers caller token} to send, as the gateway would, or null for none */
    protected HttpResponse<byte[]> send(String method, String path, String caller) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path))
                    .timeout(Duration.ofSeconds(20)).method(method, HttpRequest.BodyPublishers.noBody());
            if (caller != null) {
                request.header(TestCallers.HEADER, caller);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
