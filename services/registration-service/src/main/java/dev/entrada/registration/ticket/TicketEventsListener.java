package dev.entrada.registration.ticket;

import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.EventTypes;
import dev.entrada.contracts.Topics;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.registration.messaging.MalformedEventException;
import dev.entrada.registration.messaging.ProcessedEvents;
import dev.entrada.registration.registration.RegistrationRepository;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Keeps each registration's ticket id, so the attendee's status page can link to the ticket. */
@Component
class TicketEventsListener {
    private static final Logger log = LoggerFactory.getLogger(TicketEventsListener.class);

    private final JsonMapper json;
    private final ProcessedEvents processed;
    private final RegistrationRepository registrations;
    private final TransactionTemplate tx;

    TicketEventsListener(JsonMapper json, ProcessedEvents processed, RegistrationRepository registrations, TransactionTemplate tx) {
        // unknown fields are refused in requests, but an event may gain optional fields at any time
        this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        this.processed = processed;
        this.registrations = registrations;
        this.tx = tx;
    }

    @KafkaListener(topics = Topics.TICKET_EVENTS, groupId = "registration-service")
    void onRecord(ConsumerRecord<String, String> record) {
        Optional<EventTypes.EventType> type = EventTypes.byName(header(record, EventHeaders.EVENT_TYPE));
        if (type.isEmpty()) {
            // forward compatibility: a type this version does not know is not an error
            log.debug("skipping record of unknown type at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        if (type.get().type() == TicketIssued.class) {
            String eventId = header(record, EventHeaders.EVENT_ID);
            if (eventId == null || eventId.isBlank()) {
                throw new MalformedEventException("record without an event-id header");
            }
            on(eventId, json.readValue(record.value(), TicketIssued.class));
        }
    }

    void on(String eventId, TicketIssued issued) {
        if (issued.ticketId() == null || issued.registrationId() == null) {
            throw new MalformedEventException("TicketIssued without ticketId or registrationId");
        }
        tx.executeWithoutResult(status -> {
            if (processed.markProcessed(eventId) && !registrations.setTicket(issued.registrationId(), issued.ticketId())) {
                log.warn("TicketIssued {} names unknown registration {}", issued.ticketId(), issued.registrationId());
            }
        });
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
