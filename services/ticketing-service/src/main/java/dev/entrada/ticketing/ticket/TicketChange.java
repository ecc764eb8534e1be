package dev.entrada.ticketing.ticket;

import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.registration.RegistrationCorrected;

/** What a registration event means for the ticket of that registration. */
public sealed interface TicketChange {

    /** Issue the registration's one ticket. */
    record Issue(RegistrationConfirmed registration) implements TicketChange {
    }

    record Revoke(Ticket ticket, String reason) implements TicketChange {
    }

    /** Revoke the current ticket and issue a new one with the corrected data. */
    record Replace(Ticket ticket, RegistrationCorrected correction) implements TicketChange {
    }

    /** Forget the holder's personal data; the ticket itself stays. */
    record Erase(Ticket ticket) implements TicketChange {
    }

    record NoChange(String why) implements TicketChange {
    }

    /** The event can never be applied as it is. */
    record Invalid(String reason) implements TicketChange {
    }
}
