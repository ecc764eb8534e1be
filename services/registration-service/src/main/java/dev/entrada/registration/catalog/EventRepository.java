package dev.entrada.registration.catalog;

import dev.entrada.contracts.catalog.EventPublished;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Repository
public class EventRepository {
    private final JdbcTemplate jdbc;

    EventRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Event> findAll() {
        return jdbc.queryForList("SELECT id FROM events ORDER BY starts_at, id", String.class).stream()
                .map(this::find)
                .flatMap(Optional::stream)
                .toList();
    }

    public Optional<Event> find(String id) {
        // the event row first, then its parts: no nested queries holding a second connection
        return jdbc.query("SELECT * FROM events WHERE id = ?", (rs, n) -> eventRow(rs), id).stream()
                .findFirst()
                .map(this::withParts);
    }

    /** Ids of events whose current version has not gone to the outbox yet. */
    public List<String> unpublished() {
        return jdbc.queryForList(
                "SELECT id FROM events WHERE published_version IS NULL OR published_version < version ORDER BY id", String.class);
    }

    /**
     * Claims the publication of {@code version}: true for exactly one caller, even when several
     * instances start at once (the row lock of the update decides).
     */
    public boolean markPublished(String id, long version) {
        return jdbc.update("UPDATE events SET published_version = ? WHERE id = ? AND version = ?"
                + " AND (published_version IS NULL OR published_version < ?)", version, id, version, version) == 1;
    }

    private Event eventRow(ResultSet rs) throws SQLException {
        return new Event(
                rs.getString("id"),
                rs.getLong("version"),
                rs.getString("name"),
                Map.of(),
                rs.getString("venue"),
                rs.getString("city"),
                instant(rs, "starts_at"),
                instant(rs, "ends_at"),
                integer(rs, "capacity"),
                rs.getBoolean("waiting_list"),
                instant(rs, "registration_opens_at"),
                instant(rs, "registration_closes_at"),
                List.of(),
                List.of(),
                List.of(),
                rs.getInt("confirmed"),
                rs.getInt("waitlisted"));
    }

    private Event withParts(Event e) {
        String id = e.id();
        Map<String, String> names = new LinkedHashMap<>();
        jdbc.query("SELECT locale, name FROM event_names WHERE event_id = ? ORDER BY locale DESC",
                row -> {
                    names.put(row.getString("locale"), row.getString("name"));
                }, id);
        List<Event.TicketType> ticketTypes = jdbc.query(
                "SELECT code, name, capacity FROM ticket_types WHERE event_id = ? ORDER BY position",
                (row, n) -> new Event.TicketType(row.getString("code"), row.getString("name"), integer(row, "capacity")), id);
        List<Event.Session> sessions = jdbc.query(
                "SELECT id, title, room, starts_at, ends_at, capacity FROM sessions WHERE event_id = ? ORDER BY position",
                (row, n) -> new Event.Session(row.getString("id"), row.getString("title"), row.getString("room"),
                        instant(row, "starts_at"), instant(row, "ends_at"), integer(row, "capacity")), id);
        List<Event.Checkpoint> checkpoints = jdbc.query(
                "SELECT id, name, kind, session_id FROM checkpoints WHERE event_id = ? ORDER BY position",
                (row, n) -> new Event.Checkpoint(row.getString("id"), row.getString("name"),
                        EventPublished.CheckpointKind.valueOf(row.getString("kind")), row.getString("session_id")), id);
        return new Event(id, e.version(), e.name(), Collections.unmodifiableMap(names), e.venue(), e.city(),
                e.startsAt(), e.endsAt(), e.capacity(), e.waitingList(), e.registrationOpensAt(), e.registrationClosesAt(),
                ticketTypes, sessions, checkpoints, e.confirmed(), e.waitlisted());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
