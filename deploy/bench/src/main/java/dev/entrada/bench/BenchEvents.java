package dev.entrada.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The events the scenarios create through the organiser API, one per purpose, each with its own door. */
final class BenchEvents {

    static String doorOf(String eventId) {
        return eventId + "-door";
    }

    /** Creates the event; {@code capacity} null means unlimited. */
    static void create(String registrationUrl, String eventId, Integer capacity, boolean waitingList) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", eventId);
        event.put("name", "Bench " + eventId);
        event.put("names", Map.of("es", "Prueba " + eventId, "en", "Bench " + eventId));
        event.put("venue", "Bench hall");
        event.put("city", "Tomelloso");
        event.put("startsAt", "2030-01-01T09:00:00Z");
        event.put("endsAt", "2030-01-01T18:00:00Z");
        event.put("capacity", capacity);
        event.put("waitingList", waitingList);
        event.put("ticketTypes", List.of(Map.of("code", "GENERAL", "name", "General")));
        event.put("sessions", List.of());
        event.put("checkpoints", List.of(Map.of("id", doorOf(eventId), "name", "Door", "kind", "DOOR")));
        Http.Answer answer = Http.send(Http.postJson(registrationUrl + "/api/events", event));
        if (answer.status() != 201 && answer.status() != 200) {
            throw new IllegalStateException("cannot create event " + eventId + ": " + answer.status() + " " + answer.body());
        }
    }

    private BenchEvents() {
    }
}
