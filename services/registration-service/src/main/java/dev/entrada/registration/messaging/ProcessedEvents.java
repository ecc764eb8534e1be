package dev.entrada.registration.messaging;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/** Ids of consumed events, written in the same transaction as their effect, so a redelivery does nothing. */
@Component
public class ProcessedEvents {
    private final JdbcTemplate jdbc;

    ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records {@code eventId} as processed; false if it already was. Checks first because on
     * PostgreSQL a failed insert would abort the surrounding transaction.
     */
    public boolean markProcessed(String eventId) {
        Integer seen = jdbc.queryForObject("SELECT COUNT(*) FROM processed_events WHERE event_id = ?", Integer.class, eventId);
        if (seen != null && seen > 0) {
            return false;
        }
        jdbc.update("INSERT INTO processed_events (event_id, processed_at) VALUES (?, ?)", eventId, Timestamp.from(Instant.now()));
        return true;
    }
}
