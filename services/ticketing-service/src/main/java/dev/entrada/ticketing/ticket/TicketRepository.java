package dev.entrada.ticketing.ticket;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

@Repository
public class TicketRepository {
    private static final String COLUMNS = "ticket_id, registration_id, event_id, ticket_type, holder_name, organization,"
            + " email, locale, access_token_hash, code, key_id, status, issued_at, revoked_at, erased_at";

    private final JdbcClient jdbc;

    TicketRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Ticket> findById(String ticketId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tickets WHERE ticket_id = ?").param(ticketId)
                .query(TicketRepository::map).optional();
    }

    public Optional<Ticket> findByRegistrationId(String registrationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tickets WHERE registration_id = ?").param(registrationId)
                .query(TicketRepository::map).optional();
    }

    void insert(Ticket t) {
        jdbc.sql("INSERT INTO tickets (" + COLUMNS + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(t.ticketId(), t.registrationId(), t.eventId(), t.ticketType(), t.holderName(), t.organization(),
                        t.email(), t.locale(), t.accessTokenHash(), t.code(), t.keyId(), t.status().name(),
                        time(t.issuedAt()), time(t.revokedAt()), time(t.erasedAt()), time(t.issuedAt()))
                .update();
    }

    /** Current tickets of an event that may be admitted. */
    public List<Ticket> findIssuedByEvent(String eventId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tickets WHERE event_id = ? AND status = ?")
                .params(eventId, TicketStatus.ISSUED.name())
                .query(TicketRepository::map).list();
    }

    public Optional<ReplacedTicket> findReplaced(String ticketId) {
        return jdbc.sql("SELECT ticket_id, registration_id, event_id, ticket_type, issued_at, replaced_at"
                        + " FROM replaced_tickets WHERE ticket_id = ?").param(ticketId)
                .query((row, n) -> new ReplacedTicket(row.getString("ticket_id"), row.getString("registration_id"),
                        row.getString("event_id"), row.getString("ticket_type"), instant(row, "issued_at"),
                        instant(row, "replaced_at")))
                .optional();
    }

    /**
     * The registration's row becomes {@code next} (new id, code and data); the old id is kept in
     * {@code replaced_tickets}. One row per registration stays the rule, so a re-sent confirmation
     * still finds its ticket.
     */
    void replace(Ticket old, Ticket next, Instant at) {
        jdbc.sql("INSERT INTO replaced_tickets (ticket_id, registration_id, event_id, ticket_type, issued_at, replaced_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(old.ticketId(), old.registrationId(), old.eventId(), old.ticketType(), time(old.issuedAt()), time(at))
                .update();
        int updated = jdbc.sql("UPDATE tickets SET ticket_id = ?, holder_name = ?, organization = ?, code = ?, key_id = ?,"
                        + " status = ?, issued_at = ?, revoked_at = NULL, updated_at = ? WHERE ticket_id = ?")
                .params(next.ticketId(), next.holderName(), next.organization(), next.code(), next.keyId(),
                        next.status().name(), time(next.issuedAt()), time(at), old.ticketId())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("ticket " + old.ticketId() + " vanished while being replaced");
        }
    }

    void revoke(String ticketId, Instant at) {
        jdbc.sql("UPDATE tickets SET status = ?, revoked_at = ?, updated_at = ? WHERE ticket_id = ?")
                .params(TicketStatus.REVOKED.name(), time(at), time(at), ticketId)
                .update();
    }

    void erasePersonalData(String ticketId, Instant at) {
        jdbc.sql("UPDATE tickets SET holder_name = NULL, organization = NULL, email = NULL, erased_at = ?, updated_at = ?"
                        + " WHERE ticket_id = ?")
                .params(time(at), time(at), ticketId)
                .update();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Ticket map(ResultSet row, int n) throws SQLException {
        return new Ticket(row.getString("ticket_id"), row.getString("registration_id"), row.getString("event_id"),
                row.getString("ticket_type"), row.getString("holder_name"), row.getString("organization"),
                row.getString("email"), row.getString("locale"), row.getString("access_token_hash"),
                row.getString("code"), row.getString("key_id"), TicketStatus.valueOf(row.getString("status")),
                instant(row, "issued_at"), instant(row, "revoked_at"), instant(row, "erased_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
