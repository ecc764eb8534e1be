package dev.entrada.registration.messaging;

import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.Topics;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.core.JacksonException;

import java.nio.charset.StandardCharsets;

@Configuration(proxyBeanMethods = false)
class KafkaErrorHandlingConfig {

    /**
     * A few retries for transient failures (database briefly unavailable), then the record goes to
     * {@code <topic>-dlt} with the reason in {@code dlt-error}; a record that cannot be read is not
     * retried at all. Boot wires this bean into the listener container factory.
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<?, ?> template) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                // a negative partition lets the producer choose, so the DLT may have fewer partitions
                (record, error) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        recoverer.setHeadersFunction((record, error) -> {
            Throwable cause = rootCause(error);
            String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            return new RecordHeaders().add(EventHeaders.DLT_ERROR, reason.getBytes(StandardCharsets.UTF_8));
        });
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(500, 3));
        handler.addNotRetryableExceptions(JacksonException.class, MalformedEventException.class);
        return handler;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
