package dev.entrada.registration.registration;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.Optional;

@Repository
public class RegistrationRepository {
    private static final RowMapper<Registration> ROW = (rs, n) -> new Registration(
            rs.getString("id"), rs.getString("event_id"), RegistrationStatus.valueOf(rs.getString("status")),
            rs.getString("access_token_hash"), rs.getString("ticket_id"));

    private final JdbcTemplate jdbc;

    RegistrationRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Registration> findById(String id) {
        return jdbc.query("SELECT id, event_id, status, access_token_hash, ticket_id FROM registrations WHERE id = ?", ROW, id)
                .stream().findFirst();
    }

    public Optional<Registration> findByEmail(String eventId, String emailKey) {
        return jdbc.query("SELECT id, event_id, status, access_token_hash, ticket_id FROM registrations"
                        + " WHERE event_id = ? AND email_key = ?", ROW, eventId, emailKey)
                .stream().findFirst();
    }

    /**
     * Takes one seat of the ticket type and of the event, or none. Each conditional update is
     * atomic and row-locked until commit, so concurrent registrations can never overbook; the lock
     * order (ticket type, then event) is the same everywhere, so they cannot deadlock.
     */
    boolean holdSeat(String eventId, String ticketType) {
        int typeSeat = jdbc.update("UPDATE ticket_types SET confirmed = confirmed + 1"
                + " WHERE event_id = ? AND code = ? AND (capacity IS NULL OR confirmed < capacity)", eventId, ticketType);
        if (typeSeat == 0) {
            return false;
        }
        int eventSeat = jdbc.update("UPDATE events SET confirmed = confirmed + 1"
                + " WHERE id = ? AND (capacity IS NULL OR confirmed < capacity)", eventId);
        if (eventSeat == 1) {
            return true;
        }
        jdbc.update("UPDATE ticket_types SET confirmed = confirmed - 1 WHERE event_id = ? AND code = ?", eventId, ticketType);
        return false;
    }

    void countWaitlisted(String eventId) {
        jdbc.update("UPDATE events SET waitlisted = waitlisted + 1 WHERE id = ?", eventId);
    }

    void insert(NewRegistration r) {
        Timestamp now = Timestamp.from(r.createdAt());
        jdbc.update("INSERT INTO registrations (id, event_id, status, ticket_type, full_name, email, email_key, organization,"
                        + " organization_kind, job_title, country, phone, locale, consent_at, access_token_hash, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.id(), r.eventId(), r.status().name(), r.ticketType(), r.fullName(), r.email(), r.emailKey(), r.organization(),
                r.organizationKind(), r.jobTitle(), r.country(), r.phone(), r.locale(), now, r.accessTokenHash(), now, now);
        for (String session : r.sessions()) {
            jdbc.update("INSERT INTO registration_sessions (registration_id, session_id) VALUES (?, ?)", r.id(), session);
        }
    }

    /** Records the ticket of a registration; false if there is no such registration. */
    public boolean setTicket(String registrationId, String ticketId) {
        return jdbc.update("UPDATE registrations SET ticket_id = ?, updated_at = ? WHERE id = ?",
                ticketId, new Timestamp(System.currentTimeMillis()), registrationId) == 1;
    }
}
