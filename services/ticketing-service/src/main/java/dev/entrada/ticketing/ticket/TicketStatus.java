package dev.entrada.ticketing.ticket;

public enum TicketStatus {
    ISSUED,
    REVOKED
}
