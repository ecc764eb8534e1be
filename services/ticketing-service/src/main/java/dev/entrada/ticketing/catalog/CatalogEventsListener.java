package dev.entrada.ticketing.catalog;

import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.Topics;
import dev.entrada.contracts.catalog.EventPublished;
import dev.entrada.ticketing.messaging.InvalidEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps event names, places and times from {@code event-catalog} for badges and e-mails. The
 * version in the record makes it idempotent: the highest version seen wins.
 */
@Component
class CatalogEventsListener {
    private static final Logger log = LoggerFactory.getLogger(CatalogEventsListener.class);
    private static final String EVENT_PUBLISHED = "EventPublished";

    private final CatalogRepository catalog;
    private final JsonMapper json;
    private final Clock clock;

    CatalogEventsListener(CatalogRepository catalog, JsonMapper json, Clock clock) {
        this.catalog = catalog;
        this.json = json;
        this.clock = clock;
    }

    @KafkaListener(topics = Topics.EVENT_CATALOG)
    void on(ConsumerRecord<String, String> record) {
        Header type = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
        if (type == null || !EVENT_PUBLISHED.equals(new String(type.value(), StandardCharsets.UTF_8))) {
            log.debug("skipping a catalogue record that is not {}", EVENT_PUBLISHED);
            return;
        }
        if (record.value() == null) {
            throw new InvalidEventException("no value");
        }
        EventPublished event = json.readValue(record.value(), EventPublished.class);
        if (event == null || blankOrLonger(event.eventId(), 100) || blankOrLonger(event.name(), 300)) {
            throw new InvalidEventException("EventPublished without a valid eventId or name");
        }
        String nameEn = event.names() == null ? null : event.names().get("en");
        Map<String, String> typeNames = new LinkedHashMap<>();
        if (event.ticketTypes() != null) {
            for (EventPublished.TicketType ticketType : event.ticketTypes()) {
                if (ticketType != null && !blankOrLonger(ticketType.code(), 100) && !blankOrLonger(ticketType.name(), 300)) {
                    typeNames.put(ticketType.code(), ticketType.name());
                }
            }
        }
        catalog.upsert(new EventInfo(event.eventId(), event.version(), event.name(), cut(nameEn, 300), cut(event.venue(), 300),
                cut(event.city(), 200), event.startsAt(), event.endsAt(), typeNames), clock.instant());
    }

    private static boolean blankOrLonger(String value, int max) {
        return value == null || value.isBlank() || value.length() > max;
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
