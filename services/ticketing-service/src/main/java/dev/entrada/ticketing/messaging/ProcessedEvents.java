package dev.entrada.ticketing.messaging;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Ids of consumed events, so a redelivered event has no second effect. */
@Repository
public class ProcessedEvents {
    private final JdbcClient jdbc;

    ProcessedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean contains(String eventId) {
        return jdbc.sql("SELECT COUNT(*) FROM processed_events WHERE event_id = ?").param(eventId)
                .query(Long.class).single() > 0;
    }

    /** Must run in the transaction of the effect; a concurrent duplicate fails on the primary key and is retried. */
    public void record(String eventId, String eventType, Instant at) {
        jdbc.sql("INSERT INTO processed_events (event_id, event_type, processed_at) VALUES (?, ?, ?)")
                .params(eventId, eventType, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .update();
    }
}
