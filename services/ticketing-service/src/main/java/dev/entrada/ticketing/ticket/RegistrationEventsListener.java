package dev.entrada.ticketing.ticket;

import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.EventTypes;
import dev.entrada.contracts.Topics;
import dev.entrada.contracts.registration.RegistrationEvent;
import dev.entrada.ticketing.messaging.InvalidEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads {@code registration-events}; dispatches on the {@code event-type} header. */
@Component
class RegistrationEventsListener {
    private static final Logger log = LoggerFactory.getLogger(RegistrationEventsListener.class);
    private static final int MAX_EVENT_ID_LENGTH = 100;

    private final TicketService tickets;
    private final JsonMapper json;

    RegistrationEventsListener(TicketService tickets, JsonMapper json) {
        this.tickets = tickets;
        this.json = json;
    }

    @KafkaListener(topics = Topics.REGISTRATION_EVENTS)
    void on(ConsumerRecord<String, String> record) {
        String type = header(record, EventHeaders.EVENT_TYPE)
                .orElseThrow(() -> new InvalidEventException("no " + EventHeaders.EVENT_TYPE + " header"));
        Optional<EventTypes.EventType> known = EventTypes.byName(type)
                .filter(t -> t.topic().equals(Topics.REGISTRATION_EVENTS));
        if (known.isEmpty()) {
            // A type added after this build: skipping it keeps old consumers running.
            log.debug("skipping event type {}", type);
            return;
        }
        String eventId = header(record, EventHeaders.EVENT_ID)
                .filter(id -> !id.isBlank() && id.length() <= MAX_EVENT_ID_LENGTH)
                .orElseThrow(() -> new InvalidEventException("no valid " + EventHeaders.EVENT_ID + " header"));
        if (record.value() == null) {
            throw new InvalidEventException("no value");
        }
        RegistrationEvent event = (RegistrationEvent) json.readValue(record.value(), known.get().type());
        if (event == null) {
            throw new InvalidEventException("value is JSON null");
        }
        tickets.apply(eventId, type, event);
    }

    private static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
