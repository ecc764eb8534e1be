package dev.entrada.registration.registration;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Registrations and the seat counters they move.
 *
 * <p>Lock order, the same in every transaction that changes seats or the waiting list: the event
 * row first, then its ticket type, then its sessions in id order. Every such change of an event
 * therefore queues on its event row, so nothing can deadlock and the counters always match the rows.
 */
@Repository
public class RegistrationRepository {
    private static final String COLUMNS = "id, event_id, status, access_token_hash, ticket_id, ticket_type, full_name, email,"
            + " organization, organization_kind, job_title, country, phone, locale, waitlist_seq";

    private final JdbcTemplate jdbc;
    private final RowMapper<Registration> row = RegistrationRepository::registration;

    RegistrationRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Where a registration stands in the waiting list when it joins it. */
    record Waitlisting(long seq, int position) {
    }

    /** Whether all seats were held, or which limit stopped it. */
    enum Hold { HELD, EVENT_FULL, PART_FULL }

    public Optional<Registration> findById(String id) {
        return first(jdbc.query("SELECT " + COLUMNS + " FROM registrations WHERE id = ?", row, id));
    }

    public Optional<Registration> findByEmail(String eventId, String emailKey) {
        return first(jdbc.query("SELECT " + COLUMNS + " FROM registrations WHERE event_id = ? AND email_key = ?", row, eventId, emailKey));
    }

    /** 1 for the next to be confirmed; null unless the registration is waiting. */
    Integer position(Registration r) {
        if (r.status() != RegistrationStatus.WAITLISTED || r.waitlistSeq() == null) {
            return null;
        }
        return jdbc.queryForObject("SELECT COUNT(*) FROM registrations WHERE event_id = ? AND status = 'WAITLISTED'"
                + " AND waitlist_seq <= ?", Integer.class, r.eventId(), r.waitlistSeq());
    }

    /** Blocks until this transaction holds the event row (the first lock of every seat change). */
    void lockEvent(String eventId) {
        jdbc.queryForList("SELECT id FROM events WHERE id = ? FOR UPDATE", String.class, eventId);
    }

    /** Blocks until this transaction holds the registration row (two corrections at once apply one after the other). */
    void lockRegistration(String id) {
        jdbc.queryForList("SELECT id FROM registrations WHERE id = ? FOR UPDATE", String.class, id);
    }

    /**
     * Takes one seat of the event, of the ticket type and of every session, or none. Each
     * conditional update is atomic and row-locked until commit, so concurrent registrations can
     * never overbook; a later refusal gives back the seats taken before it.
     */
    Hold holdSeats(String eventId, String ticketType, List<String> sessions) {
        if (jdbc.update("UPDATE events SET confirmed = confirmed + 1"
                + " WHERE id = ? AND (capacity IS NULL OR confirmed < capacity)", eventId) == 0) {
            return Hold.EVENT_FULL;
        }
        if (jdbc.update("UPDATE ticket_types SET confirmed = confirmed + 1"
                + " WHERE event_id = ? AND code = ? AND (capacity IS NULL OR confirmed < capacity)", eventId, ticketType) == 0) {
            jdbc.update("UPDATE events SET confirmed = confirmed - 1 WHERE id = ?", eventId);
            return Hold.PART_FULL;
        }
        List<String> held = new ArrayList<>();
        for (String session : sessions.stream().sorted().toList()) {
            if (jdbc.update("UPDATE sessions SET confirmed = confirmed + 1"
                    + " WHERE event_id = ? AND id = ? AND (capacity IS NULL OR confirmed < capacity)", eventId, session) == 0) {
                releaseSeats(eventId, ticketType, held);
                return Hold.PART_FULL;
            }
            held.add(session);
        }
        return Hold.HELD;
    }

    /** Gives back the seats of a confirmed registration; the caller holds the event row. */
    void releaseSeats(String eventId, String ticketType, List<String> sessions) {
        jdbc.update("UPDATE events SET confirmed = confirmed - 1 WHERE id = ?", eventId);
        jdbc.update("UPDATE ticket_types SET confirmed = confirmed - 1 WHERE event_id = ? AND code = ?", eventId, ticketType);
        for (String session : sessions.stream().sorted().toList()) {
            jdbc.update("UPDATE sessions SET confirmed = confirmed - 1 WHERE event_id = ? AND id = ?", eventId, session);
        }
    }

    /**
     * Puts a registration at the end of the waiting list. The update locks the event row until
     * commit, so the numbers read back are this transaction's alone: positions have no gaps or repeats.
     */
    Waitlisting joinWaitlist(String eventId) {
        jdbc.update("UPDATE events SET waitlisted = waitlisted + 1, waitlist_seq = waitlist_seq + 1 WHERE id = ?", eventId);
        return jdbc.queryForObject("SELECT waitlist_seq, waitlisted FROM events WHERE id = ?",
                (rs, n) -> new Waitlisting(rs.getLong("waitlist_seq"), rs.getInt("waitlisted")), eventId);
    }

    void leaveWaitlist(String eventId) {
        jdbc.update("UPDATE events SET waitlisted = waitlisted - 1 WHERE id = ?", eventId);
    }

    /** The first {@code limit} waiting registrations, first in line first. */
    List<Registration> waiting(String eventId, int limit) {
        // an erased registration (an ended event's, anonymised by retention) is never promoted
        return jdbc.query("SELECT " + COLUMNS + " FROM registrations WHERE event_id = ? AND status = 'WAITLISTED'"
                + " AND erased_at IS NULL ORDER BY waitlist_seq LIMIT " + limit, row, eventId).stream().map(this::withSessions).toList();
    }

    /** Moves a registration from {@code from} to {@code to}; false if it was not in {@code from} any more. */
    boolean changeStatus(String id, RegistrationStatus from, RegistrationStatus to, Instant now) {
        Timestamp at = Timestamp.from(now);
        return jdbc.update("UPDATE registrations SET status = ?, updated_at = ?,"
                        + " cancelled_at = CASE WHEN ? = 'CANCELLED' THEN ? ELSE cancelled_at END WHERE id = ? AND status = ?",
                to.name(), at, to.name(), at, id, from.name()) == 1;
    }

    void insert(NewRegistration r) {
        Timestamp now = Timestamp.from(r.createdAt());
        jdbc.update("INSERT INTO registrations (id, event_id, status, ticket_type, full_name, email, email_key, organization,"
                        + " organization_kind, job_title, country, phone, locale, consent_at, consent_policy_version,"
                        + " access_token_hash, waitlist_seq, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.id(), r.eventId(), r.status().name(), r.ticketType(), r.fullName(), r.email(), r.emailKey(), r.organization(),
                r.organizationKind(), r.jobTitle(), r.country(), r.phone(), r.locale(), now, r.consentPolicyVersion(),
                r.accessTokenHash(), r.waitlistSeq(), now, now);
        for (String session : r.sessions()) {
            jdbc.update("INSERT INTO registration_sessions (registration_id, session_id) VALUES (?, ?)", r.id(), session);
        }
    }

    /** Writes the correctable fields; the row lock orders it with a concurrent promotion. */
    void correct(String id, String fullName, String organization, String jobTitle, String country, String phone, Instant now) {
        jdbc.update("UPDATE registrations SET full_name = ?, organization = ?, job_title = ?, country = ?, phone = ?, updated_at = ?"
                + " WHERE id = ?", fullName, organization, jobTitle, country, phone, Timestamp.from(now), id);
    }

    /** Whether the registration's personal data was erased (on request or by retention). */
    boolean isErased(String id) {
        return !jdbc.queryForList("SELECT id FROM registrations WHERE id = ? AND erased_at IS NOT NULL", String.class, id).isEmpty();
    }

    /** Records the ticket of a registration; false if there is no such registration. */
    public boolean setTicket(String registrationId, String ticketId) {
        return jdbc.update("UPDATE registrations SET ticket_id = ?, updated_at = ? WHERE id = ?",
                ticketId, new Timestamp(System.currentTimeMillis()), registrationId) == 1;
    }

    // sessions are read after the row, not inside the row mapper: no second connection while the first is open
    private Optional<Registration> first(List<Registration> rows) {
        return rows.stream().findFirst().map(this::withSessions);
    }

    private Registration withSessions(Registration r) {
        List<String> sessions = jdbc.queryForList(
                "SELECT session_id FROM registration_sessions WHERE registration_id = ? ORDER BY session_id", String.class, r.id());
        return new Registration(r.id(), r.eventId(), r.status(), r.accessTokenHash(), r.ticketId(), r.ticketType(), r.fullName(),
                r.email(), r.organization(), r.organizationKind(), r.jobTitle(), r.country(), r.phone(), r.locale(),
                List.copyOf(sessions), r.waitlistSeq());
    }

    private static Registration registration(ResultSet rs, int n) throws SQLException {
        String id = rs.getString("id");
        long seq = rs.getLong("waitlist_seq");
        Long waitlistSeq = rs.wasNull() ? null : seq;
        return new Registration(id, rs.getString("event_id"), RegistrationStatus.valueOf(rs.getString("status")),
                rs.getString("access_token_hash"), rs.getString("ticket_id"), rs.getString("ticket_type"),
                rs.getString("full_name"), rs.getString("email"), rs.getString("organization"),
                rs.getString("organization_kind"), rs.getString("job_title"), rs.getString("country"), rs.getString("phone"),
                rs.getString("locale"), List.of(), waitlistSeq);
    }
}
