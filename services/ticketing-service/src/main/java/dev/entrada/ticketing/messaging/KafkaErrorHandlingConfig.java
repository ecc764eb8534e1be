package dev.entrada.ticketing.messaging;

import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.Topics;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.core.JacksonException;

import java.nio.charset.StandardCharsets;

@Configuration(proxyBeanMethods = false)
class KafkaErrorHandlingConfig {
    private static final int MAX_ERROR_TEXT = 1000;

    /** Retries a failing record a few times (the database may be briefly away), then parks it on {@code <topic>-dlt}. */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<?, ?> kafka, TicketingProperties properties) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, error) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        recoverer.setHeadersFunction((record, error) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(EventHeaders.DLT_ERROR, describe(error).getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer,
                new FixedBackOff(properties.retryInterval().toMillis(), properties.retries()));
        // Unreadable or invalid records fail the same way every time.
        handler.addNotRetryableExceptions(JacksonException.class, InvalidEventException.class);
        return handler;
    }

    static String describe(Exception error) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(error);
        String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) : text;
    }
}
