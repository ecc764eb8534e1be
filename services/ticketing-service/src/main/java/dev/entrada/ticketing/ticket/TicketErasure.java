package dev.entrada.ticketing.ticket;

import dev.entrada.contracts.Topics;
import dev.entrada.ticketing.mail.EmbeddedSmtpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code AttendeeErased} in ticketing, inside the transaction of the event: the ticket's holder name,
 * organisation and e-mail go (the ticket itself, its code and status stay, so a retention erasure
 * after the event leaves the counts alone); the person's mails are no longer sent and their errors
 * (which may quote the address) are dropped; the outbox copies of {@code TicketIssued} for every
 * ticket the registration ever had are deleted once published and blanked while pending; and the
 * embedded SMTP server's inbox for the address is emptied.
 */
@Component
class TicketErasure {
    private static final Logger log = LoggerFactory.getLogger(TicketErasure.class);
    private static final List<String> PERSONAL_FIELDS = List.of("holderName", "organization");

    private final TicketRepository tickets;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final EmbeddedSmtpServer smtp;

    TicketErasure(TicketRepository tickets, JdbcClient jdbc, JsonMapper json, EmbeddedSmtpServer smtp) {
        this.tickets = tickets;
        this.jdbc = jdbc;
        this.json = json;
        this.smtp = smtp;
    }

    void erase(Ticket ticket, Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        tickets.erasePersonalData(ticket.ticketId(), now);
        List<String> ticketIds = new ArrayList<>(jdbc.sql("SELECT ticket_id FROM replaced_tickets WHERE registration_id = ?")
                .param(ticket.registrationId()).query(String.class).list());
        ticketIds.add(ticket.ticketId());
        for (String ticketId : ticketIds) {
            jdbc.sql("UPDATE mail_outbox SET gave_up_at = ?, last_error = 'attendee erased'"
                    + " WHERE ticket_id = ? AND sent_at IS NULL AND gave_up_at IS NULL").params(at, ticketId).update();
            jdbc.sql("UPDATE mail_outbox SET last_error = NULL WHERE ticket_id = ? AND last_error <> 'attendee erased'")
                    .param(ticketId).update();
            jdbc.sql("DELETE FROM outbox WHERE topic = ? AND record_key = ? AND published_at IS NOT NULL")
                    .params(Topics.TICKET_EVENTS, ticketId).update();
            for (PendingRow row : jdbc.sql("SELECT id, payload FROM outbox WHERE topic = ? AND record_key = ? AND published_at IS NULL")
                    .params(Topics.TICKET_EVENTS, ticketId)
                    .query((rs, n) -> new PendingRow(rs.getLong("id"), rs.getString("payload"))).list()) {
                blank(row);
            }
        }
        int mails = smtp.forget(ticket.email());
        log.info("erased personal data of registration {} (tickets {}, {} stored mail(s))", ticket.registrationId(), ticketIds, mails);
    }

    private record PendingRow(long id, String payload) {
    }

    private void blank(PendingRow row) {
        JsonNode payload = json.readTree(row.payload());
        if (payload instanceof ObjectNode object) {
            boolean changed = false;
            for (String field : PERSONAL_FIELDS) {
                if (object.has(field) && !object.get(field).isNull()) {
                    object.putNull(field);
                    changed = true;
                }
            }
            if (changed) {
                jdbc.sql("UPDATE outbox SET payload = ? WHERE id = ?").params(json.writeValueAsString(object), row.id()).update();
            }
        }
    }
}
