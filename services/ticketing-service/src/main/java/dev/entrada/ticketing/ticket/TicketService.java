package dev.entrada.ticketing.ticket;

import dev.entrada.contracts.code.TicketCode;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.registration.RegistrationEvent;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.contracts.ticket.TicketRevoked;
import dev.entrada.ticketing.messaging.InvalidEventException;
import dev.entrada.ticketing.messaging.OutboxWriter;
import dev.entrada.ticketing.messaging.ProcessedEvents;
import dev.entrada.ticketing.signing.SigningKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Applies registration events to tickets; each effect and its outgoing event commit together. */
@Service
public class TicketService {
    private static final Logger log = LoggerFactory.getLogger(TicketService.class);

    private final TicketRepository tickets;
    private final ProcessedEvents processed;
    private final SigningKeys signingKeys;
    private final OutboxWriter outbox;
    private final Clock clock;

    TicketService(TicketRepository tickets, ProcessedEvents processed, SigningKeys signingKeys, OutboxWriter outbox, Clock clock) {
        this.tickets = tickets;
        this.processed = processed;
        this.signingKeys = signingKeys;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * @param eventId   the {@code event-id} header: a redelivered event is recognised by it
     * @param eventType the {@code event-type} header
     */
    @Transactional
    public void apply(String eventId, String eventType, RegistrationEvent event) {
        if (processed.contains(eventId)) {
            log.debug("event {} already processed", eventId);
            return;
        }
        TicketChange change = TicketDecisions.decide(event, tickets.findByRegistrationId(event.registrationId()));
        Instant now = clock.instant();
        if (change instanceof TicketChange.Invalid invalid) {
            throw new InvalidEventException(eventType + " " + eventId + ": " + invalid.reason());
        } else if (change instanceof TicketChange.Issue issue) {
            issue(issue.registration(), now);
        } else if (change instanceof TicketChange.Revoke revoke) {
            tickets.revoke(revoke.ticket().ticketId(), now);
            outbox.write(new TicketRevoked(revoke.ticket().ticketId(), revoke.ticket().eventId(), revoke.reason(), now));
            log.info("revoked ticket {}", revoke.ticket().ticketId());
        } else if (change instanceof TicketChange.Erase erase) {
            tickets.erasePersonalData(erase.ticket().ticketId(), now);
            log.info("erased personal data of ticket {}", erase.ticket().ticketId());
        } else if (change instanceof TicketChange.NoChange noChange) {
            log.debug("{} {}: {}", eventType, eventId, noChange.why());
        }
        processed.record(eventId, eventType, now);
    }

    private void issue(RegistrationConfirmed registration, Instant now) {
        SigningKeys.ActiveKey key = signingKeys.activeKey();
        UUID ticketId = UUID.randomUUID();
        String code = TicketCode.sign(ticketId, registration.eventId(), registration.ticketType(), key.keyId(),
                null, null, key.privateKey());
        Ticket ticket = new Ticket(ticketId.toString(), registration.registrationId(), registration.eventId(),
                registration.ticketType(), registration.fullName(), registration.organization(), registration.email(),
                registration.locale(), registration.accessTokenHash(), code, key.keyId(), TicketStatus.ISSUED,
                now, null, null);
        tickets.insert(ticket);
        outbox.write(new TicketIssued(ticket.ticketId(), ticket.registrationId(), ticket.eventId(), ticket.ticketType(),
                ticket.holderName(), ticket.organization(), ticket.keyId(), null, null, now));
        log.info("issued ticket {} for registration {}", ticket.ticketId(), ticket.registrationId());
    }
}
