package dev.entrada.reporting.messaging;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.core.annotation.Nullable;
import org.apache.kafka.common.header.Header;

import java.util.Collection;

/** Parks poison records on {@code <topic>-dlt}; blocks until the broker has the record (acks=all). */
@KafkaClient(id = "reporting-service-dlt", acks = KafkaClient.Acknowledge.ALL)
public interface DeadLetterClient {

    void send(@Topic String topic, @KafkaKey @Nullable String key, @Nullable String value, Collection<Header> headers);
}
