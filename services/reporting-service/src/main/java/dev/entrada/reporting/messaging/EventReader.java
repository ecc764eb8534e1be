package dev.entrada.reporting.messaging;

import dev.entrada.contracts.DomainEvent;
import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.EventTypes;
import dev.entrada.contracts.EventTypes.EventType;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Turns a Kafka record (value as text, plus the event-type and event-id headers) into a contract event. */
@Singleton
public class EventReader {
    /** Larger than any real event; a bigger value is refused before parsing. */
    static final int MAX_VALUE_CHARS = 256 * 1024;

    private final ObjectMapper mapper;

    public EventReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ReadResult read(Headers headers, String value) {
        String typeName = header(headers, EventHeaders.EVENT_TYPE);
        String eventId = header(headers, EventHeaders.EVENT_ID);
        if (typeName == null || typeName.isBlank()) {
            return new ReadResult.Unreadable("header " + EventHeaders.EVENT_TYPE + ": missing");
        }
        EventType type = EventTypes.byName(typeName).orElse(null);
        if (type == null) {
            return new ReadResult.UnknownType(typeName);
        }
        if (eventId == null || eventId.isBlank() || eventId.length() > EventChecks.ID) {
            return new ReadResult.Unreadable("header " + EventHeaders.EVENT_ID + ": missing or longer than " + EventChecks.ID);
        }
        if (value == null) {
            return new ReadResult.Unreadable("value: missing");
        }
        if (value.length() > MAX_VALUE_CHARS) {
            return new ReadResult.Unreadable("value: longer than " + MAX_VALUE_CHARS + " characters");
        }
        DomainEvent event;
        try {
            event = mapper.readValue(value, type.type());
        } catch (IOException | RuntimeException e) {
            return new ReadResult.Unreadable("value: not a readable " + typeName + ": " + e.getMessage());
        }
        if (event == null) {
            return new ReadResult.Unreadable("value: null");
        }
        List<String> problems = EventChecks.problems(event);
        if (!problems.isEmpty()) {
            return new ReadResult.Unreadable(typeName + ": " + String.join("; ", problems));
        }
        return new ReadResult.Readable(eventId, type, event);
    }

    /** A header's value as text; null when the record has no such header. */
    static String header(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
