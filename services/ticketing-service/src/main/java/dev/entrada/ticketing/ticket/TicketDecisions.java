package dev.entrada.ticketing.ticket;

import dev.entrada.contracts.registration.AttendeeErased;
import dev.entrada.contracts.registration.RegistrationCancelled;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.registration.RegistrationCorrected;
import dev.entrada.contracts.registration.RegistrationEvent;

import java.util.Optional;
import java.util.regex.Pattern;

/** Decides, without side effects, what a registration event does to the registration's ticket. */
public final class TicketDecisions {
    public static final String REVOKED_BY_CANCELLATION = "REGISTRATION_CANCELLED";
    public static final String REVOKED_BY_CORRECTION = "CORRECTED";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public static TicketChange decide(RegistrationEvent event, Optional<Ticket> existing) {
        String problem = firstNonNull(
                text("registrationId", event.registrationId(), 100),
                text("eventId", event.eventId(), 100));
        if (problem != null) {
            return new TicketChange.Invalid(problem);
        }
        if (event instanceof RegistrationConfirmed confirmed) {
            return issue(confirmed, existing);
        }
        if (event instanceof RegistrationCancelled) {
            return existing.filter(t -> t.status() == TicketStatus.ISSUED)
                    .<TicketChange>map(t -> new TicketChange.Revoke(t, REVOKED_BY_CANCELLATION))
                    .orElseGet(() -> new TicketChange.NoChange(existing.isEmpty() ? "no ticket" : "already revoked"));
        }
        if (event instanceof RegistrationCorrected corrected) {
            return replace(corrected, existing);
        }
        if (event instanceof AttendeeErased) {
            return existing.filter(t -> !t.isErased())
                    .<TicketChange>map(TicketChange.Erase::new)
                    .orElseGet(() -> new TicketChange.NoChange(existing.isEmpty() ? "no ticket" : "already erased"));
        }
        return new TicketChange.NoChange("not a ticketing concern");
    }

    private static TicketChange issue(RegistrationConfirmed confirmed, Optional<Ticket> existing) {
        String problem = firstNonNull(
                text("ticketType", confirmed.ticketType(), 100),
                text("fullName", confirmed.fullName(), 300),
                text("organization", confirmed.organization(), 300),
                optionalText("email", confirmed.email(), 320),
                optionalText("locale", confirmed.locale(), 20),
                confirmed.accessTokenHash() == null || !SHA256_HEX.matcher(confirmed.accessTokenHash()).matches()
                        ? "accessTokenHash must be 64 lower-case hex digits" : null);
        if (problem != null) {
            return new TicketChange.Invalid(problem);
        }
        if (existing.isPresent()) {
            return new TicketChange.NoChange("ticket already issued");
        }
        return new TicketChange.Issue(confirmed);
    }

    private static TicketChange replace(RegistrationCorrected corrected, Optional<Ticket> existing) {
        String problem = firstNonNull(
                text("fullName", corrected.fullName(), 300),
                text("organization", corrected.organization(), 300),
                optionalText("jobTitle", corrected.jobTitle(), 300),
                optionalText("country", corrected.country(), 100));
        if (problem != null) {
            return new TicketChange.Invalid(problem);
        }
        if (existing.isEmpty()) {
            // Not confirmed (yet): the confirmation, when it comes, carries the corrected data.
            return new TicketChange.NoChange("no ticket");
        }
        Ticket ticket = existing.get();
        if (ticket.status() != TicketStatus.ISSUED) {
            return new TicketChange.NoChange("ticket revoked");
        }
        if (ticket.isErased()) {
            return new TicketChange.NoChange("attendee erased");
        }
        return new TicketChange.Replace(ticket, corrected);
    }

    private static String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return field + " is missing";
        }
        return optionalText(field, value, maxLength);
    }

    private static String optionalText(String field, String value, int maxLength) {
        return value != null && value.length() > maxLength ? field + " is longer than " + maxLength : null;
    }

    private static String firstNonNull(String... problems) {
        for (String problem : problems) {
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private TicketDecisions() {
    }
}
