package dev.entrada.reporting.messaging;

import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.Topics;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Sends a record this service gave up on to its topic's dead-letter topic, headers kept, error added. */
@Singleton
public class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final int MAX_ERROR_CHARS = 1000;

    private final DeadLetterClient client;

    public DeadLetters(DeadLetterClient client) {
        this.client = client;
    }

    public void park(ConsumerRecord<?, ?> record, String error) {
        String dlt = Topics.deadLetter(record.topic());
        String shortError = error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) : error;
        // Offsets, not contents: the value may hold personal data.
        LOG.warn("Dead-lettering {}-{}@{} to {}: {}", record.topic(), record.partition(), record.offset(), dlt, shortError);
        List<Header> headers = new ArrayList<>();
        record.headers().forEach(headers::add);
        headers.add(new RecordHeader(EventHeaders.DLT_ERROR, shortError.getBytes(StandardCharsets.UTF_8)));
        client.send(dlt, text(record.key()), text(record.value()), headers);
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }
}
