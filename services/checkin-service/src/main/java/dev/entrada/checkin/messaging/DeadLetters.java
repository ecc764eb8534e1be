package dev.entrada.checkin.messaging;

import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.Topics;
import dev.entrada.outbox.OutboxRelay;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Parks records this service gave up on in {@code <topic>-dlt}, with the reason in {@code dlt-error}. */
@Singleton
public class DeadLetters implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final int MAX_ERROR_LENGTH = 1000;

    private final Producer<String, String> producer;

    public DeadLetters(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
                       @Value("${micronaut.application.name}") String applicationName) {
        Map<String, Object> config = new HashMap<>(OutboxRelay.producerConfig(bootstrapServers, applicationName));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-dlt");
        this.producer = new KafkaProducer<>(config);
    }

    /** Sends and waits for the broker, so the consumer moves past the record only once it is parked. */
    public void send(ConsumerRecord<?, ?> record, String error) {
        String value = record.value() == null ? null : record.value().toString();
        String key = record.key() == null ? null : record.key().toString();
        ProducerRecord<String, String> parked = new ProducerRecord<>(Topics.deadLetter(record.topic()), key, value);
        for (Header header : record.headers()) {
            parked.headers().add(header);
        }
        String message = error == null ? "unknown error" : error;
        if (message.length() > MAX_ERROR_LENGTH) {
            message = message.substring(0, MAX_ERROR_LENGTH);
        }
        parked.headers().add(EventHeaders.DLT_ERROR, message.getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(parked).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot dead-letter a record of " + record.topic(), e);
        }
        log.warn("parked {}-{}@{} in {}: {}", record.topic(), record.partition(), record.offset(), parked.topic(), message);
    }

    /** For the listeners' exception handlers: a record that still failed after the retries. */
    public void handle(KafkaListenerException exception) {
        Throwable cause = exception.getCause() == null ? exception : exception.getCause();
        exception.getConsumerRecord().ifPresentOrElse(
                record -> send(record, cause.toString()),
                () -> log.error("Kafka listener failed without a record", exception));
    }

    @PreDestroy
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
