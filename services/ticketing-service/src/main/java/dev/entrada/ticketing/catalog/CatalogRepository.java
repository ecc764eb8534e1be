package dev.entrada.ticketing.catalog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

@Repository
public class CatalogRepository {
    private final JdbcClient jdbc;

    CatalogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<EventInfo> find(String eventId) {
        Map<String, String> types = new LinkedHashMap<>();
        jdbc.sql("SELECT code, name FROM catalog_ticket_types WHERE event_id = ? ORDER BY code").param(eventId)
                .query((row, n) -> Map.entry(row.getString("code"), row.getString("name"))).list()
                .forEach(e -> types.put(e.getKey(), e.getValue()));
        return jdbc.sql("SELECT event_id, version, name, name_en, venue, city, starts_at, ends_at FROM catalog_events"
                        + " WHERE event_id = ?").param(eventId)
                .query((row, n) -> map(row, types)).optional();
    }

    /** Keeps the copy with the highest version: a stale or repeated record changes nothing. */
    @Transactional
    public void upsert(EventInfo event, Instant at) {
        Optional<EventInfo> existing = find(event.eventId());
        if (existing.filter(e -> e.version() >= event.version()).isPresent()) {
            return;
        }
        if (existing.isPresent()) {
            jdbc.sql("UPDATE catalog_events SET version = ?, name = ?, name_en = ?, venue = ?, city = ?,"
                            + " starts_at = ?, ends_at = ?, updated_at = ? WHERE event_id = ?")
                    .params(event.version(), event.name(), event.nameEn(), event.venue(), event.city(),
                            time(event.startsAt()), time(event.endsAt()), time(at), event.eventId())
                    .update();
        } else {
            jdbc.sql("INSERT INTO catalog_events (event_id, version, name, name_en, venue, city, starts_at, ends_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(event.eventId(), event.version(), event.name(), event.nameEn(), event.venue(), event.city(),
                            time(event.startsAt()), time(event.endsAt()), time(at))
                    .update();
        }
        jdbc.sql("DELETE FROM catalog_ticket_types WHERE event_id = ?").param(event.eventId()).update();
        event.ticketTypeNames().forEach((code, name) ->
                jdbc.sql("INSERT INTO catalog_ticket_types (event_id, code, name) VALUES (?, ?, ?)")
                        .params(event.eventId(), code, name).update());
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static EventInfo map(ResultSet row, Map<String, String> ticketTypeNames) throws SQLException {
        return new EventInfo(row.getString("event_id"), row.getLong("version"), row.getString("name"),
                row.getString("name_en"), row.getString("venue"), row.getString("city"),
                instant(row, "starts_at"), instant(row, "ends_at"), Map.copyOf(ticketTypeNames));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
