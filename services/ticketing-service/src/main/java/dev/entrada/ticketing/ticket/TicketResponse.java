package dev.entrada.ticketing.ticket;

/** {@code GET /api/tickets/{ticketId}}. {@code holderName} and {@code organization} are null after erasure. */
public record TicketResponse(
        String ticketId,
        String eventId,
        String registrationId,
        String code,
        String holderName,
        String organization,
        String ticketType,
        TicketStatus status) {

    static TicketResponse of(Ticket t) {
        return new TicketResponse(t.ticketId(), t.eventId(), t.registrationId(), t.code(), t.holderName(),
                t.organization(), t.ticketType(), t.status());
    }
}
