package dev.entrada.registration.catalog;

import dev.entrada.contracts.catalog.EventPublished;
import dev.entrada.registration.web.InvalidField;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventRulesTest {
    private static final Instant NINE = Instant.parse("2030-03-10T09:00:00Z");
    private static final Instant TEN = Instant.parse("2030-03-10T10:00:00Z");

    private static EventRequest event(Integer capacity, List<EventRequest.TicketType> types, List<EventRequest.Session> sessions,
                                      List<EventRequest.Checkpoint> checkpoints) {
        return new EventRequest("day", null, Map.of("es", "Jornada"), "Aula", "Ciudad Real", NINE, TEN, capacity, true,
                null, null, types, sessions, checkpoints);
    }

    private static final List<EventRequest.TicketType> GENERAL = List.of(new EventRequest.TicketType("GENERAL", "General", null));

    @Test
    void aConsistentEventPasses() {
        var sessions = List.of(new EventRequest.Session("talk", "Charla", "Aula", NINE, TEN, 10));
        var checkpoints = List.of(new EventRequest.Checkpoint("room", "Aula", EventPublished.CheckpointKind.SESSION, "talk"));

        assertThat(EventRules.check(event(100, GENERAL, sessions, checkpoints))).isEmpty();
    }

    @Test
    void timesDuplicatesAndDanglingReferencesAreNamed() {
        var backwards = new EventRequest("day", null, Map.of("es", "Jornada"), "Aula", "Ciudad Real", TEN, NINE, 10, true,
                TEN, NINE, List.of(new EventRequest.TicketType("A", "A", null), new EventRequest.TicketType("A", "B", null)),
                List.of(new EventRequest.Session("talk", "Charla", "Aula", TEN, NINE, null)),
                List.of(new EventRequest.Checkpoint("room", "Aula", EventPublished.CheckpointKind.SESSION, "other")));

        assertThat(EventRules.check(backwards)).extracting(InvalidField::field).containsExactly(
                "endsAt", "registrationClosesAt", "ticketTypes[1].code", "sessions[0].endsAt", "checkpoints[0].sessionId");
    }

    @Test
    void aChangeMayNotDropWhatRegistrationsChoseNorShrinkBelowConfirmedSeats() {
        var request = event(5, List.of(new EventRequest.TicketType("GENERAL", "General", 2)), List.of(), List.of());

        var errors = EventRules.checkChange(request, 6,
                Map.of("GENERAL", new EventRules.Usage(3, 4), "PRESS", new EventRules.Usage(0, 1), "OLD", new EventRules.Usage(0, 0)),
                Map.of("talk", new EventRules.Usage(1, 1)));

        assertThat(errors).extracting(InvalidField::field)
                .containsExactlyInAnyOrder("capacity", "ticketTypes[0].capacity", "ticketTypes", "sessions");
    }
}
