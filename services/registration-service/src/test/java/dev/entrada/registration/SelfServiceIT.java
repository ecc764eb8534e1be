package dev.entrada.registration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Cancellation and promotion, corrections, session seats, the window, consent and idempotent submits (H2). */
class SelfServiceIT extends ServiceTestSupport {

    private static String path(JsonNode created) {
        return "/api/registrations/" + created.get("registrationId").asString() + "?token=" + created.get("accessToken").asString();
    }

    private static String id(JsonNode created) {
        return created.get("registrationId").asString();
    }

    private int outboxRows(String registrationId, String type) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE record_key = ? AND event_type = ?", Integer.class, registrationId, type);
    }

    @Test
    void cancellingConfirmsTheFirstWaitingPersonAndMovesTheRestUp() {
        String eventId = "one-seat-" + UUID.randomUUID().toString().substring(0, 8);
        createEvent(eventId, 1, true);
        JsonNode ana = register(eventId, attendee(uniqueEmail())).json();
        JsonNode bea = register(eventId, attendee(uniqueEmail())).json();
        JsonNode carla = register(eventId, attendee(uniqueEmail())).json();
        assertThat(get(path(bea)).json().get("position").asInt()).isEqualTo(1);
        assertThat(get(path(carla)).json().get("position").asInt()).isEqualTo(2);
        assertThat(get(path(ana)).json().has("position")).isFalse();

        Response cancelled = send("DELETE", path(ana), null);

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("registrationId").asString()).isEqualTo(id(ana));
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(get(path(ana)).json().get("status").asString()).isEqualTo("CANCELLED");
        JsonNode beaNow = get(path(bea)).json();
        assertThat(beaNow.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(beaNow.has("position")).isFalse();
        assertThat(get(path(carla)).json().get("position").asInt()).isEqualTo(1);
        assertThat(outboxRows(id(ana), "RegistrationCancelled")).isOne();
        assertThat(jdbc.queryForObject("SELECT payload FROM outbox WHERE record_key = ? AND event_type = 'RegistrationCancelled'",
                String.class, id(ana))).contains("\"reason\":\"ATTENDEE\"");
        assertThat(outboxRows(id(bea), "RegistrationConfirmed")).isOne();
        JsonNode event = get("/api/events/" + eventId).json();
        assertThat(event.get("confirmed").asInt()).isOne();
        assertThat(event.get("waitlisted").asInt()).isOne();

        Response again = send("DELETE", path(ana), null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(outboxRows(id(ana), "RegistrationCancelled")).isOne();
        assertThat(get("/api/events/" + eventId).json().get("confirmed").asInt()).isOne();
    }

    @Test
    void cancellingAWaitingRegistrationMovesThoseBehindUpAndPromotesNobody() {
        String eventId = "one-seat-" + UUID.randomUUID().toString().substring(0, 8);
        createEvent(eventId, 1, true);
        register(eventId, attendee(uniqueEmail()));
        JsonNode first = register(eventId, attendee(uniqueEmail())).json();
        JsonNode second = register(eventId, attendee(uniqueEmail())).json();

        assertThat(send("DELETE", path(first), null).status()).isEqualTo(200);

        assertThat(get(path(second)).json().get("position").asInt()).isEqualTo(1);
        assertThat(outboxRows(id(second), "RegistrationConfirmed")).isZero();
        assertThat(get("/api/events/" + eventId).json().get("waitlisted").asInt()).isOne();
    }

    @Test
    void aSignedInOrganiserCancelsWithoutTheLinkAndNobodyElse() {
        JsonNode created = register("telecom-night-2017", attendee(uniqueEmail())).json();
        String bare = "/api/registrations/" + id(created);

        assertThat(send("DELETE", bare, null).status()).isEqualTo(404);
        assertThat(send("DELETE", bare + "?token=" + "A".repeat(43), null).status()).isEqualTo(404);
        assertThat(send("DELETE", bare, null, TestCallers.HEADER, TestCallers.staff("*")).status()).isEqualTo(404);
        assertThat(get(path(created)).json().get("status").asString()).isEqualTo("CONFIRMED");

        Response byOrganizer = send("DELETE", bare, null, organizer());

        assertThat(byOrganizer.status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT payload FROM outbox WHERE record_key = ? AND event_type = 'RegistrationCancelled'",
                String.class, id(created))).contains("\"reason\":\"ORGANIZER\"");
        assertThat(send("GET", bare, null, organizer()).json().get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void theAttendeeSeesAndCorrectsTheirDataAndOnlyPrintedChangesReachTicketing() {
        Map<String, Object> body = attendee(uniqueEmail());
        body.put("organizationKind", "RESEARCH_GROUP");
        body.put("jobTitle", "Investigadora");
        body.put("phone", "+34 926 000 000");
        body.put("ticketType", "RESEARCH");
        body.put("sessions", List.of("clusterfy"));
        JsonNode created = register("b2b-industrial-2017", body).json();

        JsonNode view = get(path(created)).json();
        assertThat(view.get("fullName").asString()).isEqualTo("Lucía Fernández Ortega");
        assertThat(view.get("organizationKind").asString()).isEqualTo("RESEARCH_GROUP");
        assertThat(view.get("ticketType").asString()).isEqualTo("RESEARCH");
        assertThat(view.get("sessions").get(0).asString()).isEqualTo("clusterfy");
        assertThat(view.get("phone").asString()).isEqualTo("+34 926 000 000");
        assertThat(view.get("locale").asString()).isEqualTo("es");

        Response phoneOnly = send("PATCH", path(created), "{\"phone\": \"+34 600 111 222\"}");
        assertThat(phoneOnly.status()).isEqualTo(200);
        assertThat(phoneOnly.json().get("phone").asString()).isEqualTo("+34 600 111 222");
        assertThat(outboxRows(id(created), "RegistrationCorrected")).isZero();

        Response corrected = send("PATCH", path(created), "{\"fullName\": \" Lucía Fernández \", \"organization\": \"UCLM\"}");
        assertThat(corrected.status()).isEqualTo(200);
        assertThat(corrected.json().get("fullName").asString()).isEqualTo("Lucía Fernández");
        assertThat(corrected.json().get("organization").asString()).isEqualTo("UCLM");
        assertThat(corrected.json().get("jobTitle").asString()).isEqualTo("Investigadora");
        assertThat(outboxRows(id(created), "RegistrationCorrected")).isOne();
        JsonNode event = JSON.readTree(jdbc.queryForObject(
                "SELECT payload FROM outbox WHERE record_key = ? AND event_type = 'RegistrationCorrected'", String.class, id(created)));
        assertThat(event.get("fullName").asString()).isEqualTo("Lucía Fernández");
        assertThat(event.get("organization").asString()).isEqualTo("UCLM");
        assertThat(event.get("country").asString()).isEqualTo("ES");

        Response unknown = send("PATCH", path(created), "{\"email\": \"other@example.com\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
        Response invalid = send("PATCH", path(created), "{\"fullName\": \"  \", \"country\": \"XX\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").findValuesAsString("field")).containsExactly("country", "fullName");
        assertThat(send("PATCH", "/api/registrations/" + id(created) + "?token=wrong", "{\"organization\": \"X\"}").status()).isEqualTo(404);

        send("DELETE", path(created), null);
        assertThat(send("PATCH", path(created), "{\"organization\": \"X\"}").status()).isEqualTo(409);
    }

    @Test
    void aFullSessionWaitlistsAndNeverTakesMoreThanItsSeats() {
        String eventId = "session-" + UUID.randomUUID().toString().substring(0, 8);
        createEvent(eventId, 10, true);
        addSession(eventId, "workshop", 1);
        Map<String, Object> withWorkshop = attendee(uniqueEmail());
        withWorkshop.put("sessions", List.of("workshop"));
        Map<String, Object> alsoWorkshop = attendee(uniqueEmail());
        alsoWorkshop.put("sessions", List.of("workshop"));

        JsonNode first = register(eventId, withWorkshop).json();
        JsonNode second = register(eventId, alsoWorkshop).json();
        JsonNode without = register(eventId, attendee(uniqueEmail())).json();

        assertThat(first.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(second.get("status").asString()).isEqualTo("WAITLISTED");
        assertThat(without.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(jdbc.queryForObject("SELECT confirmed FROM sessions WHERE event_id = ? AND id = 'workshop'", Integer.class, eventId)).isOne();
        assertThat(get("/api/events/" + eventId).json().get("confirmed").asInt()).isEqualTo(2);

        send("DELETE", path(first), null);

        assertThat(get(path(second)).json().get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(jdbc.queryForObject("SELECT confirmed FROM sessions WHERE event_id = ? AND id = 'workshop'", Integer.class, eventId)).isOne();
    }

    @Test
    void outsideTheWindowTheConflictSaysWhenItOpensOrClosed() {
        Instant opens = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant closed = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        createEvent("not-yet", 10, true);
        jdbc.update("UPDATE events SET registration_opens_at = ? WHERE id = 'not-yet'", Timestamp.from(opens));
        createEvent("too-late", 10, true);
        jdbc.update("UPDATE events SET registration_closes_at = ? WHERE id = 'too-late'", Timestamp.from(closed));

        Response early = register("not-yet", attendee(uniqueEmail()));
        Response late = register("too-late", attendee(uniqueEmail()));

        assertThat(early.status()).isEqualTo(409);
        assertThat(early.contentType()).startsWith("application/problem+json");
        assertThat(early.json().get("detail").asString()).contains("opens at " + opens);
        assertThat(early.json().get("opensAt").asString()).isEqualTo(opens.toString());
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("detail").asString()).contains("closed at " + closed);
        assertThat(late.json().get("closedAt").asString()).isEqualTo(closed.toString());
    }

    @Test
    void consentIsStoredWithItsTimeAndPolicyVersion() {
        Instant before = Instant.now().minusSeconds(1);
        JsonNode created = register("telecom-night-2017", attendee(uniqueEmail())).json();

        Map<String, Object> row = jdbc.queryForMap("SELECT consent_at, consent_policy_version FROM registrations WHERE id = ?", id(created));

        assertThat(row.get("consent_policy_version")).isEqualTo("2017-10");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM registrations WHERE id = ? AND consent_at >= ?", Integer.class,
                id(created), Timestamp.from(before))).isOne();
    }

    @Test
    void everyInvalidFieldIsListedInOneAnswer() {
        Map<String, Object> body = attendee("not-an-email");
        body.put("fullName", "");
        body.put("country", "XX");
        body.put("organizationKind", "BANK");
        body.put("consent", false);

        Response r = register("telecom-night-2017", body);

        assertThat(r.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("email", "fullName", "country", "organizationKind", "consent");
    }

    @Test
    void theSameIdempotencyKeyAndBodyGetTheFirstAnswerAgain() {
        String key = UUID.randomUUID().toString();
        String body = JSON.writeValueAsString(attendee(uniqueEmail()));

        Response first = send("POST", "/api/events/telecom-night-2017/registrations", body, "Idempotency-Key", key);
        Response retry = send("POST", "/api/events/telecom-night-2017/registrations", body, "Idempotency-Key", key);
        Response otherBody = send("POST", "/api/events/telecom-night-2017/registrations",
                JSON.writeValueAsString(attendee(uniqueEmail())), "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(retry.json().get("accessToken").asString()).isNotBlank();
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.contentType()).startsWith("application/problem+json");
        assertThat(outboxRows(id(first.json()), "RegistrationConfirmed")).isOne();
    }
}
