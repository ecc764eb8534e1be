package dev.entrada.ticketing.ticket;

/**
 * {@code GET /api/tickets/{ticketId}}. {@code holderName} and {@code organization} are null after erasure.
 * A ticket that a correction replaced answers with status {@code REPLACED}, {@code replacedBy} = the
 * registration's current ticket id, and no code or personal data.
 */
public record TicketResponse(
        String ticketId,
        String eventId,
        String registrationId,
        String code,
        String holderName,
        String organization,
        String ticketType,
        TicketStatus status,
        String replacedBy) {

    static TicketResponse of(Ticket t) {
        return new TicketResponse(t.ticketId(), t.eventId(), t.registrationId(), t.code(), t.holderName(),
                t.organization(), t.ticketType(), t.status(), null);
    }

    static TicketResponse replaced(ReplacedTicket old, Ticket current) {
        return new TicketResponse(old.ticketId(), old.eventId(), old.registrationId(), null, null, null,
                old.ticketType(), TicketStatus.REPLACED, current.ticketId());
    }
}
