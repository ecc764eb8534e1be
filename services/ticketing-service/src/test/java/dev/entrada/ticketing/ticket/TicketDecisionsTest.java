package dev.entrada.ticketing.ticket;

import dev.entrada.contracts.registration.AttendeeErased;
import dev.entrada.contracts.registration.RegistrationCancelled;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.registration.RegistrationCorrected;
import dev.entrada.contracts.registration.RegistrationWaitlisted;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TicketDecisionsTest {
    private static final Instant NOW = Instant.parse("2017-11-02T10:15:30Z");
    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static RegistrationConfirmed confirmed(String fullName, String accessTokenHash) {
        return new RegistrationConfirmed("r-1", "b2b-industrial-2017", "COMPANY", fullName, "lucia@example.com",
                "Metalúrgica La Mancha S.L.", "COMPANY", null, "ES", "es", List.of(), accessTokenHash, NOW);
    }

    private static Ticket ticket(TicketStatus status, Instant erasedAt) {
        return new Ticket("t-1", "r-1", "b2b-industrial-2017", "COMPANY", "Lucía", "Metalúrgica", "lucia@example.com",
                "es", HASH, "CODE", "1A2B", status, NOW, null, erasedAt);
    }

    @Test
    void aConfirmationIssuesATicketOnlyOnce() {
        assertThat(TicketDecisions.decide(confirmed("Lucía", HASH), Optional.empty()))
                .isInstanceOf(TicketChange.Issue.class);
        assertThat(TicketDecisions.decide(confirmed("Lucía", HASH), Optional.of(ticket(TicketStatus.ISSUED, null))))
                .isInstanceOf(TicketChange.NoChange.class);
    }

    @Test
    void aConfirmationWithoutAUsableTokenHashOrNameIsInvalid() {
        assertThat(TicketDecisions.decide(confirmed("Lucía", "NOT-A-HASH"), Optional.empty()))
                .isEqualTo(new TicketChange.Invalid("accessTokenHash must be 64 lower-case hex digits"));
        assertThat(TicketDecisions.decide(confirmed(" ", HASH), Optional.empty()))
                .isEqualTo(new TicketChange.Invalid("fullName is missing"));
        assertThat(TicketDecisions.decide(confirmed("x".repeat(301), HASH), Optional.empty()))
                .isEqualTo(new TicketChange.Invalid("fullName is longer than 300"));
    }

    @Test
    void aCorrectionReplacesAnIssuedTicketOnly() {
        var corrected = new RegistrationCorrected("r-1", "b2b-industrial-2017", "Lucía Fernández", "Metalúrgica S.A.",
                null, "ES", NOW);
        Ticket issued = ticket(TicketStatus.ISSUED, null);

        assertThat(TicketDecisions.decide(corrected, Optional.of(issued))).isEqualTo(new TicketChange.Replace(issued, corrected));
        assertThat(TicketDecisions.decide(corrected, Optional.of(ticket(TicketStatus.REVOKED, null))))
                .isEqualTo(new TicketChange.NoChange("ticket revoked"));
        assertThat(TicketDecisions.decide(corrected, Optional.of(ticket(TicketStatus.ISSUED, NOW))))
                .isEqualTo(new TicketChange.NoChange("attendee erased"));
        assertThat(TicketDecisions.decide(corrected, Optional.empty())).isEqualTo(new TicketChange.NoChange("no ticket"));
    }

    @Test
    void aCorrectionWithoutANameOrOrganisationIsInvalid() {
        Ticket issued = ticket(TicketStatus.ISSUED, null);
        assertThat(TicketDecisions.decide(new RegistrationCorrected("r-1", "b2b-industrial-2017", "", "Org", null, null, NOW),
                Optional.of(issued))).isEqualTo(new TicketChange.Invalid("fullName is missing"));
        assertThat(TicketDecisions.decide(new RegistrationCorrected("r-1", "b2b-industrial-2017", "Lucía", "o".repeat(301),
                null, null, NOW), Optional.of(issued))).isEqualTo(new TicketChange.Invalid("organization is longer than 300"));
    }

    @Test
    void aCancellationRevokesAnIssuedTicketOnce() {
        var cancelled = new RegistrationCancelled("r-1", "b2b-industrial-2017", "ATTENDEE", NOW);
        Ticket issued = ticket(TicketStatus.ISSUED, null);

        assertThat(TicketDecisions.decide(cancelled, Optional.of(issued)))
                .isEqualTo(new TicketChange.Revoke(issued, "REGISTRATION_CANCELLED"));
        assertThat(TicketDecisions.decide(cancelled, Optional.of(ticket(TicketStatus.REVOKED, null))))
                .isEqualTo(new TicketChange.NoChange("already revoked"));
        assertThat(TicketDecisions.decide(cancelled, Optional.empty()))
                .isEqualTo(new TicketChange.NoChange("no ticket"));
    }

    @Test
    void anErasureBlanksTheTicketOnce() {
        var erased = new AttendeeErased("r-1", "b2b-industrial-2017", AttendeeErased.REQUEST_BY_ATTENDEE, NOW);
        Ticket issued = ticket(TicketStatus.ISSUED, null);

        assertThat(TicketDecisions.decide(erased, Optional.of(issued))).isEqualTo(new TicketChange.Erase(issued));
        assertThat(TicketDecisions.decide(erased, Optional.of(ticket(TicketStatus.ISSUED, NOW))))
                .isInstanceOf(TicketChange.NoChange.class);
    }

    @Test
    void waitlistingIsNotATicketingConcernButAMissingRegistrationIdIsInvalid() {
        var waitlisted = new RegistrationWaitlisted("r-2", "b2b-industrial-2017", "COMPANY", "Ana", "ana@example.com",
                "Org", "ES", "es", null, NOW);
        assertThat(TicketDecisions.decide(waitlisted, Optional.empty())).isInstanceOf(TicketChange.NoChange.class);
        assertThat(TicketDecisions.decide(new AttendeeErased(null, "b2b-industrial-2017", AttendeeErased.REQUEST_BY_ATTENDEE, NOW), Optional.empty()))
                .isEqualTo(new TicketChange.Invalid("registrationId is missing"));
    }
}
