package dev.entrada.contracts.checkin;

import dev.entrada.contracts.DomainEvent;

/**
 * Facts from the doors, on {@code checkin-events}, keyed by ticket id (or by device id when a scan
 * could not be read as a ticket at all).
 */
public sealed interface CheckInEvent extends DomainEvent
        permits AttendeeCheckedIn, AttendeeCheckedOut, CheckInRejected, CheckInConflict {

    String ticketId();

    String deviceId();

    @Override
    default String partitionKey() {
        return ticketId() != null ? ticketId() : deviceId();
    }
}
