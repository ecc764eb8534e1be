package dev.entrada.contracts;

import java.time.Instant;

/** What every event on every topic has in common. */
public interface DomainEvent {
    /** When the fact happened at its source. */
    Instant occurredAt();

    /** The Kafka record key: the id of the aggregate the event belongs to. */
    String partitionKey();
}
