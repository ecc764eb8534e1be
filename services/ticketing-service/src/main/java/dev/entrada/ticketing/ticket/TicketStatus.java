package dev.entrada.ticketing.ticket;

/** {@code REPLACED} is never stored: it is how the id of a ticket a correction replaced answers. */
public enum TicketStatus {
    ISSUED,
    REVOKED,
    REPLACED
}
