package dev.entrada.ticketing.ticket;

import dev.entrada.contracts.code.TicketCode;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.registration.RegistrationCorrected;
import dev.entrada.contracts.registration.RegistrationEvent;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.contracts.ticket.TicketRevoked;
import dev.entrada.ticketing.mail.MailOutbox;
import dev.entrada.ticketing.messaging.InvalidEventException;
import dev.entrada.ticketing.messaging.OutboxWriter;
import dev.entrada.ticketing.messaging.ProcessedEvents;
import dev.entrada.ticketing.qr.QrCodes;
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
    /** A code whose QR does not read back happens about once in a hundred; ten in a row, practically never. */
    private static final int MAX_SIGN_ATTEMPTS = 10;

    private final TicketRepository tickets;
    private final ProcessedEvents processed;
    private final SigningKeys signingKeys;
    private final OutboxWriter outbox;
    private final MailOutbox mails;
    private final TicketErasure erasure;
    private final Clock clock;

    TicketService(TicketRepository tickets, ProcessedEvents processed, SigningKeys signingKeys, OutboxWriter outbox,
                  MailOutbox mails, TicketErasure erasure, Clock clock) {
        this.tickets = tickets;
        this.processed = processed;
        this.signingKeys = signingKeys;
        this.outbox = outbox;
        this.mails = mails;
        this.erasure = erasure;
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
        } else if (change instanceof TicketChange.Replace replace) {
            replace(replace.ticket(), replace.correction(), now);
        } else if (change instanceof TicketChange.Revoke revoke) {
            tickets.revoke(revoke.ticket().ticketId(), now);
            outbox.write(new TicketRevoked(revoke.ticket().ticketId(), revoke.ticket().eventId(), revoke.reason(), now));
            log.info("revoked ticket {}", revoke.ticket().ticketId());
        } else if (change instanceof TicketChange.Erase erase) {
            erasure.erase(erase.ticket(), now);
        } else if (change instanceof TicketChange.NoChange noChange) {
            log.debug("{} {}: {}", eventType, eventId, noChange.why());
        }
        processed.record(eventId, eventType, now);
    }

    private void issue(RegistrationConfirmed registration, Instant now) {
        SigningKeys.ActiveKey key = signingKeys.activeKey();
        SignedCode signed = sign(registration.eventId(), registration.ticketType(), key);
        Ticket ticket = new Ticket(signed.ticketId(), registration.registrationId(), registration.eventId(),
                registration.ticketType(), registration.fullName(), registration.organization(), registration.email(),
                registration.locale(), registration.accessTokenHash(), signed.code(), key.keyId(), TicketStatus.ISSUED,
                now, null, null);
        tickets.insert(ticket);
        announce(ticket, now);
        log.info("issued ticket {} for registration {}", ticket.ticketId(), ticket.registrationId());
    }

    /** The old ticket is revoked and a new one issued, in this one transaction. */
    private void replace(Ticket old, RegistrationCorrected correction, Instant now) {
        SigningKeys.ActiveKey key = signingKeys.activeKey();
        SignedCode signed = sign(old.eventId(), old.ticketType(), key);
        Ticket next = new Ticket(signed.ticketId(), old.registrationId(), old.eventId(), old.ticketType(),
                correction.fullName(), correction.organization(), old.email(), old.locale(), old.accessTokenHash(),
                signed.code(), key.keyId(), TicketStatus.ISSUED, now, null, null);
        tickets.replace(old, next, now);
        outbox.write(new TicketRevoked(old.ticketId(), old.eventId(), TicketDecisions.REVOKED_BY_CORRECTION, now));
        announce(next, now);
        log.info("replaced ticket {} by {} after a correction", old.ticketId(), next.ticketId());
    }

    private void announce(Ticket ticket, Instant now) {
        outbox.write(new TicketIssued(ticket.ticketId(), ticket.registrationId(), ticket.eventId(), ticket.ticketType(),
                ticket.holderName(), ticket.organization(), ticket.keyId(), null, null, now));
        if (ticket.email() != null) {
            mails.enqueue(ticket.ticketId(), now);
        }
    }

    private record SignedCode(String ticketId, String code) {
    }

    /** A new ticket id and its code, chosen so that the code's QR reads back ({@link QrCodes#readsBack}). */
    private static SignedCode sign(String eventId, String ticketType, SigningKeys.ActiveKey key) {
        SignedCode signed;
        int attempts = 0;
        do {
            UUID ticketId = UUID.randomUUID();
            signed = new SignedCode(ticketId.toString(),
                    TicketCode.sign(ticketId, eventId, ticketType, key.keyId(), null, null, key.privateKey()));
        } while (!QrCodes.readsBack(signed.code()) && ++attempts < MAX_SIGN_ATTEMPTS);
        return signed;
    }
}
