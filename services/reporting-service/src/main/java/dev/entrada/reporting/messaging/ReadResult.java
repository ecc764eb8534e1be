package dev.entrada.reporting.messaging;

import dev.entrada.contracts.DomainEvent;
import dev.entrada.contracts.EventTypes.EventType;

/** What one Kafka record turned out to be. */
public sealed interface ReadResult {

    /** A known event, complete enough to project. */
    record Readable(String eventId, EventType type, DomainEvent event) implements ReadResult {
    }

    /** A well-formed record of a type this service does not know yet (forward compatibility). */
    record UnknownType(String typeName) implements ReadResult {
    }

    /** Cannot be read: it goes to the dead-letter topic, never back to the partition. */
    record Unreadable(String error) implements ReadResult {
    }
}
