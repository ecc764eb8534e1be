package dev.entrada.ticketing.web;

/** Unknown ticket, or a missing or wrong token: one answer for all, so a ticket's existence is not revealed. */
public class TicketNotFoundException extends RuntimeException {
    public TicketNotFoundException() {
        super("No ticket with this id for this token.");
    }
}
