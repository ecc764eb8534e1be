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

    /** Whether the event exists; in a transaction, also holds its row until commit. */
    boolean lock(String id) {
        return !jdbc.queryForList("SELECT id FROM events WHERE id = ? FOR UPDATE", String.class, id).isEmpty();
    }

    int confirmed(String id) {
        return jdbc.queryForObject("SELECT confirmed FROM events WHERE id = ?", Integer.class, id);
    }

    Map<String, EventRules.Usage> ticketTypeUsage(String id) {
        Map<String, EventRules.Usage> usage = new LinkedHashMap<>();
        jdbc.query("SELECT t.code, t.confirmed, (SELECT COUNT(*) FROM registrations r WHERE r.event_id = t.event_id"
                + " AND r.ticket_type = t.code AND r.status <> 'CANCELLED') AS registrations FROM ticket_types t WHERE t.event_id = ?",
                row -> {
                    usage.put(row.getString("code"), new EventRules.Usage(row.getInt("confirmed"), row.getInt("registrations")));
                }, id);
        return usage;
    }

    Map<String, EventRules.Usage> sessionUsage(String id) {
        Map<String, EventRules.Usage> usage = new LinkedHashMap<>();
        jdbc.query("SELECT s.id, s.confirmed, (SELECT COUNT(*) FROM registration_sessions rs JOIN registrations r ON r.id = rs.registration_id"
                + " WHERE r.event_id = s.event_id AND rs.session_id = s.id AND r.status <> 'CANCELLED') AS registrations"
                + " FROM sessions s WHERE s.event_id = ?",
                row -> {
                    usage.put(row.getString("id"), new EventRules.Usage(row.getInt("confirmed"), row.getInt("registrations")));
                }, id);
        return usage;
    }

    /** Stores a new event at version 1 (not yet published). */
    void create(EventRequest e) {
        jdbc.update("INSERT INTO events (id, version, published_version, name, venue, city, starts_at, ends_at, capacity, waiting_list,"
                        + " registration_opens_at, registration_closes_at) VALUES (?, 1, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.id(), e.displayName(), e.venue().strip(), e.city().strip(), ts(e.startsAt()), ts(e.endsAt()), e.capacity(),
                e.waitingList(), ts(e.registrationOpensAt()), ts(e.registrationClosesAt()));
        writeParts(e);
    }

    /**
     * Replaces an event's description and raises its version; the seat counters of ticket types and
     * sessions that stay are kept. The caller holds the event row and has checked {@link EventRules#checkChange}.
     */
    void replace(EventRequest e) {
        jdbc.update("UPDATE events SET version = version + 1, name = ?, venue = ?, city = ?, starts_at = ?, ends_at = ?, capacity = ?,"
                        + " waiting_list = ?, registration_opens_at = ?, registration_closes_at = ? WHERE id = ?",
                e.displayName(), e.venue().strip(), e.city().strip(), ts(e.startsAt()), ts(e.endsAt()), e.capacity(), e.waitingList(),
                ts(e.registrationOpensAt()), ts(e.registrationClosesAt()), e.id());
        jdbc.update("DELETE FROM event_names WHERE event_id = ?", e.id());
        jdbc.update("DELETE FROM checkpoints WHERE event_id = ?", e.id());
        List<String> codes = e.ticketTypes().stream().map(EventRequest.TicketType::code).toList();
        for (String code : jdbc.queryForList("SELECT code FROM ticket_types WHERE event_id = ?", String.class, e.id())) {
            if (!codes.contains(code)) {
                jdbc.update("DELETE FROM ticket_types WHERE event_id = ? AND code = ?", e.id(), code);
            }
        }
        List<String> sessionIds = e.sessionsOrEmpty().stream().map(EventRequest.Session::id).toList();
        for (String session : jdbc.queryForList("SELECT id FROM sessions WHERE event_id = ?", String.class, e.id())) {
            if (!sessionIds.contains(session)) {
                jdbc.update("DELETE FROM sessions WHERE event_id = ? AND id = ?", e.id(), session);
            }
        }
        writeParts(e);
    }

    /** Names and checkpoints are inserted; ticket types and sessions updated in place or inserted. */
    private void writeParts(EventRequest e) {
        e.names().forEach((locale, name) ->
                jdbc.update("INSERT INTO event_names (event_id, locale, name) VALUES (?, ?, ?)", e.id(), locale, name.strip()));
        for (int i = 0; i < e.ticketTypes().size(); i++) {
            EventRequest.TicketType t = e.ticketTypes().get(i);
            if (jdbc.update("UPDATE ticket_types SET name = ?, capacity = ?, position = ? WHERE event_id = ? AND code = ?",
                    t.name().strip(), t.capacity(), i, e.id(), t.code()) == 0) {
                jdbc.update("INSERT INTO ticket_types (event_id, code, name, capacity, position) VALUES (?, ?, ?, ?, ?)",
                        e.id(), t.code(), t.name().strip(), t.capacity(), i);
            }
        }
        for (int i = 0; i < e.sessionsOrEmpty().size(); i++) {
            EventRequest.Session s = e.sessionsOrEmpty().get(i);
            if (jdbc.update("UPDATE sessions SET title = ?, room = ?, starts_at = ?, ends_at = ?, capacity = ?, position = ?"
                            + " WHERE event_id = ? AND id = ?",
                    s.title().strip(), s.room().strip(), ts(s.startsAt()), ts(s.endsAt()), s.capacity(), i, e.id(), s.id()) == 0) {
                jdbc.update("INSERT INTO sessions (event_id, id, title, room, starts_at, ends_at, capacity, position)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        e.id(), s.id(), s.title().strip(), s.room().strip(), ts(s.startsAt()), ts(s.endsAt()), s.capacity(), i);
            }
        }
        for (int i = 0; i < e.checkpointsOrEmpty().size(); i++) {
            EventRequest.Checkpoint c = e.checkpointsOrEmpty().get(i);
            jdbc.update("INSERT INTO checkpoints (event_id, id, name, kind, session_id, position) VALUES (?, ?, ?, ?, ?, ?)",
                    e.id(), c.id(), c.name().strip(), c.kind().name(), c.sessionId(), i);
        }
    }

    private static java.sql.Timestamp ts(Instant instant) {
        return instant == null ? null : java.sql.Timestamp.from(instant);
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
