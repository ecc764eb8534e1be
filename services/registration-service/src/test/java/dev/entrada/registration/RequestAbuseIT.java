package dev.entrada.registration;

import dev.entrada.registration.registration.AccessTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What a client may not do however it writes its request: too many registrations per e-mail, fields it does not own. */
class RequestAbuseIT extends ServiceTestSupport {

    private String newEvent() {
        String id = "abuse-" + UUID.randomUUID().toString().substring(0, 8);
        createEvent(id, null, false);
        return id;
    }

    @Test
    void anEmailAddressRegistersAtMostFiveTimesAnHourWhateverItsCaseOrPlusTag() {
        String local = "flood-" + UUID.randomUUID().toString().substring(0, 8);
        String first = newEvent();
        assertThat(register(first, attendee(local + "@example.com")).status()).isEqualTo(201);
        // the same registration again changes nothing and counts nothing (a double click)
        for (int i = 0; i < 3; i++) {
            assertThat(register(first, attendee(local.toUpperCase() + "@EXAMPLE.com")).status()).isEqualTo(200);
        }
        for (int i = 1; i <= 4; i++) {
            assertThat(register(newEvent(), attendee(local + "+" + i + "@Example.com")).status()).as("registration " + i).isEqualTo(201);
        }

        String sixth = newEvent();
        HttpResponse<String> refused = postJson("/api/events/" + sixth + "/registrations", attendee(local + "+six@example.com"));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(refused.body()).get("type").asString()).isEqualTo("https://entrada.dev/problems/too-many-attempts");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(3500L, 3600L);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM registrations WHERE event_id = ?", Integer.class, sixth)).isZero();
        assertThat(register(sixth, attendee(uniqueEmail())).status()).as("another address").isEqualTo(201);
    }

    @Test
    void theCountIsInTheDatabaseSoAttemptsThroughAnotherInstanceCount() {
        String email = "elsewhere-" + UUID.randomUUID() + "@example.com";
        long now = Instant.now().toEpochMilli();
        String fiveRecent = IntStream.range(0, 5).mapToObj(i -> Long.toString(now - 60_000L * (10 - i))).collect(Collectors.joining(","));
        jdbc.update("INSERT INTO registration_attempts (email_hash, attempts, last_at) VALUES (?, ?, ?)",
                AccessTokens.hash(email), fiveRecent, Timestamp.from(Instant.now()));

        HttpResponse<String> refused = postJson("/api/events/" + newEvent() + "/registrations", attendee(email));

        assertThat(refused.statusCode()).isEqualTo(429);
        // the oldest of the five was ten minutes ago: it leaves the hour in fifty
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(2900L, 3000L);
    }

    @Test
    void concurrentRegistrationsOfOneAddressStopExactlyAtTheLimit() throws Exception {
        String email = "burst-" + UUID.randomUUID() + "@example.com";
        List<String> events = IntStream.range(0, 12).mapToObj(i -> newEvent()).toList();

        List<Response> answers = concurrently(12, 12, i -> register(events.get(i), attendee(email)));

        assertThat(answers).extracting(Response::status).containsOnly(201, 429);
        assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(5);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM registrations WHERE email_key = ?", Integer.class, email)).isEqualTo(5);
    }

    @Test
    void statusCapacityRoleOrCheckedInAtInARegistrationNeverTakeEffect() {
        String eventId = newEvent();
        for (Map.Entry<String, Object> smuggled : Map.<String, Object>of("status", "CONFIRMED", "capacity", 1000,
                "role", "ORGANIZER", "checkedInAt", "2030-01-01T09:00:00Z", "accessToken", "chosen-by-me").entrySet()) {
            String email = uniqueEmail();
            Map<String, Object> body = attendee(email);
            body.put(smuggled.getKey(), smuggled.getValue());

            Response refused = register(eventId, body);

            assertThat(refused.status()).as(smuggled.getKey()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo(smuggled.getKey());
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM registrations WHERE email_key = ?", Integer.class, email)).isZero();
        }
    }

    @Test
    void aCorrectionCannotChangeStatusRoleCheckInOrWhatWasChosen() {
        String eventId = newEvent();
        JsonNode created = register(eventId, attendee(uniqueEmail())).json();
        String path = "/api/registrations/" + created.get("registrationId").asString() + "?token=" + created.get("accessToken").asString();

        for (Map.Entry<String, Object> smuggled : Map.<String, Object>of("status", "CANCELLED", "role", "ORGANIZER",
                "checkedInAt", "2030-01-01T09:00:00Z", "email", "someone-else@example.com", "ticketType", "VIP",
                "eventId", "telecom-night-2017").entrySet()) {
            Response refused = send("PATCH", path, JSON.writeValueAsString(Map.of(smuggled.getKey(), smuggled.getValue())));

            assertThat(refused.status()).as(smuggled.getKey()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo(smuggled.getKey());
        }
        JsonNode unchanged = get(path).json();
        assertThat(unchanged.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(unchanged.get("eventId").asString()).isEqualTo(eventId);
        assertThat(unchanged.get("ticketType").asString()).isEqualTo("GENERAL");
    }

    @Test
    void anEventRequestCannotSetTheCountsOrTheVersion() {
        for (Map.Entry<String, Object> smuggled : Map.<String, Object>of("confirmed", 0, "waitlisted", 0, "seatsLeft", 10,
                "version", 99, "status", "PUBLISHED").entrySet()) {
            String id = "counts-" + UUID.randomUUID().toString().substring(0, 8);
            Map<String, Object> event = new LinkedHashMap<>(Map.of("id", id, "names", Map.of("es", "Prueba"), "venue", "Sala",
                    "city", "Ciudad Real", "startsAt", "2030-03-10T08:00:00Z", "endsAt", "2030-03-10T14:00:00Z",
                    "waitingList", false, "ticketTypes", List.of(Map.of("code", "GENERAL", "name", "General"))));
            assertThat(send("POST", "/api/events", JSON.writeValueAsString(event), TestCallers.HEADER, TestCallers.organizer()).status())
                    .as("the event without " + smuggled.getKey()).isEqualTo(201);
            event.put(smuggled.getKey(), smuggled.getValue());

            Response refused = send("PUT", "/api/events/" + id, JSON.writeValueAsString(event), TestCallers.HEADER, TestCallers.organizer());

            assertThat(refused.status()).as(smuggled.getKey()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo(smuggled.getKey());
        }
    }

    private HttpResponse<String> postJson(String path, Map<String, Object> body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
