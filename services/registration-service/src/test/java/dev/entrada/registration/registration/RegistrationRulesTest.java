package dev.entrada.registration.registration;

import dev.entrada.contracts.catalog.EventPublished;
import dev.entrada.registration.catalog.Event;
import dev.entrada.registration.web.InvalidField;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationRulesTest {
    private static final Instant OPENS = Instant.parse("2017-10-01T00:00:00Z");
    private static final Instant CLOSES = Instant.parse("2017-11-20T00:00:00Z");

    private static Event event(Instant opensAt, Instant closesAt) {
        return new Event("b2b", 1, "B2B", Map.of("es", "B2B"), "Recinto", "Tomelloso",
                Instant.parse("2017-11-23T08:30:00Z"), Instant.parse("2017-11-23T18:00:00Z"), 310, true, opensAt, closesAt,
                List.of(new Event.TicketType("COMPANY", "Empresa", null), new Event.TicketType("RESEARCH", "Investigación", 30)),
                List.of(new Event.Session("clusterfy", "ClusterFY", "Sala 1", null, null, 120)),
                List.of(new Event.Checkpoint("entrance", "Entrada", EventPublished.CheckpointKind.DOOR, null)),
                0, 0);
    }

    @Test
    void noTicketTypeMeansTheFirstOne() {
        var selection = RegistrationRules.select(event(null, null), null, null);

        assertThat(selection).isEqualTo(new RegistrationRules.Selection.Valid(new Event.TicketType("COMPANY", "Empresa", null), List.of()));
    }

    @Test
    void aChosenTypeAndSessionsAreKeptWithoutDuplicates() {
        var selection = RegistrationRules.select(event(null, null), "RESEARCH", List.of("clusterfy", " clusterfy"));

        assertThat(selection).isEqualTo(new RegistrationRules.Selection.Valid(
                new Event.TicketType("RESEARCH", "Investigación", 30), List.of("clusterfy")));
    }

    @Test
    void unknownTypeAndSessionsAreNamed() {
        var selection = RegistrationRules.select(event(null, null), "VIP", Arrays.asList("clusterfy", "gala"));

        assertThat(selection).isEqualTo(new RegistrationRules.Selection.Invalid(List.of(
                new InvalidField("ticketType", "is not a ticket type of this event"),
                new InvalidField("sessions[1]", "is not a session of this event"))));
    }

    @Test
    void registrationIsOpenOnlyInsideItsWindow() {
        Event windowed = event(OPENS, CLOSES);

        assertThat(RegistrationRules.isOpen(windowed, OPENS.minusSeconds(1))).isFalse();
        assertThat(RegistrationRules.isOpen(windowed, OPENS)).isTrue();
        assertThat(RegistrationRules.isOpen(windowed, CLOSES.minusSeconds(1))).isTrue();
        assertThat(RegistrationRules.isOpen(windowed, CLOSES)).isFalse();
        assertThat(RegistrationRules.isOpen(event(null, null), Instant.parse("2099-01-01T00:00:00Z"))).isTrue();
    }

    @Test
    void withoutASeatTheWaitingListDecides() {
        assertThat(RegistrationRules.admit(true, false)).isInstanceOf(RegistrationRules.Admission.Confirm.class);
        assertThat(RegistrationRules.admit(false, true)).isInstanceOf(RegistrationRules.Admission.Waitlist.class);
        assertThat(RegistrationRules.admit(false, false)).isInstanceOf(RegistrationRules.Admission.Refuse.class);
    }

    @Test
    void emailsAreComparedWithoutCase() {
        assertThat(RegistrationRules.emailKey(" Lucia.Fernandez@Example.COM ")).isEqualTo("lucia.fernandez@example.com");
    }
}
