package dev.entrada.checkin.ticket;

import dev.entrada.checkin.messaging.UnreadableEventException;
import dev.entrada.checkin.registration.RegistrationReplica;
import dev.entrada.checkin.ticket.ReplicaTicket.TicketStatus;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.contracts.ticket.TicketRevoked;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The admissible-ticket replica; updates run inside the caller's transaction. */
@Singleton
public class TicketReplica {
    private static final Logger log = LoggerFactory.getLogger(TicketReplica.class);

    private final TicketRepository repository;
    private final RegistrationReplica registrations;

    public TicketReplica(TicketRepository repository, RegistrationReplica registrations) {
        this.repository = repository;
        this.registrations = registrations;
    }

    public void apply(TicketIssued event) {
        String ticketId = ticketId(event.ticketId());
        String eventId = UnreadableEventException.require(event.eventId(), "eventId");
        Optional<ReplicaTicket> known = repository.findById(ticketId);
        // A revocation that arrived first stays: issuing never un-revokes.
        TicketStatus status = known.map(ReplicaTicket::status).orElse(TicketStatus.ISSUED);
        // An erasure that arrived first stays too: no name comes back.
        boolean erased = registrations.isErased(event.registrationId());
        ReplicaTicket ticket = new ReplicaTicket(ticketId, eventId, event.ticketType(), erased ? null : event.holderName(),
                erased ? null : event.organization(), status, known.map(ReplicaTicket::revokedReason).orElse(null), Instant.now(),
                event.registrationId());
        if (known.isPresent()) {
            repository.update(ticket);
        } else {
            repository.save(ticket);
        }
        log.info("ticket {} issued for {}", ticketId, eventId);
    }

    public void apply(TicketRevoked event) {
        String ticketId = ticketId(event.ticketId());
        String eventId = UnreadableEventException.require(event.eventId(), "eventId");
        Optional<ReplicaTicket> known = repository.findById(ticketId);
        ReplicaTicket ticket = known
                .map(t -> new ReplicaTicket(ticketId, t.eventId(), t.ticketType(), t.holderName(), t.organization(),
                        TicketStatus.REVOKED, event.reason(), Instant.now(), t.registrationId()))
                .orElseGet(() -> new ReplicaTicket(ticketId, eventId, null, null, null, TicketStatus.REVOKED, event.reason(),
                        Instant.now(), null));
        if (known.isPresent()) {
            repository.update(ticket);
        } else {
            repository.save(ticket);
        }
        log.info("ticket {} revoked", ticketId);
    }

    public Optional<ReplicaTicket> find(UUID ticketId) {
        return repository.findById(ticketId.toString());
    }

    public boolean isRevoked(UUID ticketId) {
        return find(ticketId).map(t -> t.status() == TicketStatus.REVOKED).orElse(false);
    }

    private static String ticketId(String text) {
        try {
            // Normalised, so the replica key matches the UUID read from a code.
            return UUID.fromString(UnreadableEventException.require(text, "ticketId")).toString();
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException("ticketId is not a UUID", e);
        }
    }
}
