package dev.entrada.ticketing.mail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Ticket e-mails still to send. A row is written in the transaction that issues the ticket and is
 * sent after commit by {@link MailDispatcher}; the mail itself is built at sending time from the
 * ticket as it then is.
 */
@Repository
public class MailOutbox {
    private static final int MAX_ERROR_TEXT = 1000;

    /** A mail due to be sent. */
    record Pending(long id, String ticketId, int attempts) {
    }

    private final JdbcClient jdbc;

    MailOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(String ticketId, Instant at) {
        jdbc.sql("INSERT INTO mail_outbox (ticket_id, created_at, attempts, next_attempt_at) VALUES (?, ?, 0, ?)")
                .params(ticketId, time(at), time(at))
                .update();
    }

    List<Pending> due(Instant now, int limit) {
        return jdbc.sql("SELECT id, ticket_id, attempts FROM mail_outbox WHERE sent_at IS NULL AND gave_up_at IS NULL"
                        + " AND next_attempt_at <= ? ORDER BY id LIMIT ?")
                .params(time(now), limit)
                .query((row, n) -> new Pending(row.getLong("id"), row.getString("ticket_id"), row.getInt("attempts")))
                .list();
    }

    void sent(long id, Instant at) {
        jdbc.sql("UPDATE mail_outbox SET sent_at = ?, attempts = attempts + 1 WHERE id = ?").params(time(at), id).update();
    }

    void failed(long id, String error, Instant nextAttempt) {
        jdbc.sql("UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?")
                .params(time(nextAttempt), cut(error), id).update();
    }

    /** Not to be sent (any more): too many failures, or nothing left to send (ticket replaced, revoked, erased). */
    void giveUp(long id, String reason, Instant at) {
        jdbc.sql("UPDATE mail_outbox SET gave_up_at = ?, last_error = ? WHERE id = ?").params(time(at), cut(reason), id).update();
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT);
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
