package dev.entrada.registration;

import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Organisers create and change events; every change goes out as EventPublished. */
class EventCatalogIT extends ServiceTestSupport {

    private static Map<String, Object> event(String id, int capacity) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", id);
        e.put("names", Map.of("es", "Jornada de Ciberseguridad", "en", "Cybersecurity Day"));
        e.put("venue", "Escuela Superior de Informática");
        e.put("city", "Ciudad Real");
        e.put("startsAt", "2030-03-10T08:00:00Z");
        e.put("endsAt", "2030-03-10T14:00:00Z");
        e.put("capacity", capacity);
        e.put("waitingList", true);
        e.put("ticketTypes", List.of(Map.of("code", "GENERAL", "name", "General"), Map.of("code", "PRESS", "name", "Prensa", "capacity", 5)));
        e.put("sessions", List.of(Map.of("id", "keynote", "title", "Apertura", "room", "Aula Magna",
                "startsAt", "2030-03-10T08:30:00Z", "endsAt", "2030-03-10T09:30:00Z", "capacity", 100)));
        e.put("checkpoints", List.of(Map.of("id", "door", "name", "Puerta", "kind", "DOOR"),
                Map.of("id", "aula-magna", "name", "Aula Magna", "kind", "SESSION", "sessionId", "keynote")));
        return e;
    }

    private static List<String> fields(Response r) {
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }

    @Test
    void onlyTheOrganiserMayCreateOrChangeEvents() {
        String id = "secured-" + UUID.randomUUID().toString().substring(0, 8);

        Response anonymous = send("POST", "/api/events", JSON.writeValueAsString(event(id, 10)));
        Response forged = send("POST", "/api/events", "{\"not\": \"even valid\"}", TestCallers.HEADER, TestCallers.forged());
        Response put = send("PUT", "/api/events/telecom-night-2017", "{}");
        Response staff = send("POST", "/api/events", JSON.writeValueAsString(event(id, 10)), TestCallers.HEADER, TestCallers.staff("*"));

        for (Response r : List.of(anonymous, forged, put)) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat(staff.status()).isEqualTo(403);
        assertThat(staff.contentType()).startsWith("application/problem+json");
        assertThat(get("/api/events/" + id).status()).isEqualTo(404);
    }

    @Test
    void anOrganiserCreatesAnEventAndItIsPublished() {
        String id = "ciber-" + UUID.randomUUID().toString().substring(0, 8);

        Response created = send("POST", "/api/events", JSON.writeValueAsString(event(id, 50)), organizer());

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode shown = get("/api/events/" + id).json();
        assertThat(shown.get("name").asString()).isEqualTo("Jornada de Ciberseguridad");
        assertThat(shown.get("names").get("en").asString()).isEqualTo("Cybersecurity Day");
        assertThat(shown.get("capacity").asInt()).isEqualTo(50);
        assertThat(shown.get("seatsLeft").asInt()).isEqualTo(50);
        assertThat(shown.get("ticketTypes").findValuesAsString("code")).containsExactly("GENERAL", "PRESS");
        assertThat(shown.get("checkpoints").get(1).get("sessionId").asString()).isEqualTo("keynote");
        ConsumerRecord<String, String> published = awaitRecords(Topics.EVENT_CATALOG, r -> id.equals(r.key()), 1).get(0);
        assertThat(header(published, EventHeaders.EVENT_TYPE)).isEqualTo("EventPublished");
        assertThat(JSON.readTree(published.value()).get("version").asLong()).isEqualTo(1);

        Map<String, Object> body = attendee(uniqueEmail());
        body.put("sessions", List.of("keynote"));
        assertThat(register(id, body).json().get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(send("POST", "/api/events", JSON.writeValueAsString(event(id, 50)), organizer()).status()).isEqualTo(409);
    }

    @Test
    void badEventsAreProblemsNamingTheField() {
        Map<String, Object> backwards = event("backwards-" + UUID.randomUUID().toString().substring(0, 8), 10);
        backwards.put("endsAt", "2030-03-09T14:00:00Z");
        backwards.put("checkpoints", List.of(Map.of("id", "room", "name", "Sala", "kind", "SESSION", "sessionId", "nope")));
        Map<String, Object> unknownField = event("unknown-field", 10);
        unknownField.put("price", 10);
        Map<String, Object> badId = event("Not An Id", -1);

        Response inconsistent = send("POST", "/api/events", JSON.writeValueAsString(backwards), organizer());
        Response unknown = send("POST", "/api/events", JSON.writeValueAsString(unknownField), organizer());
        Response invalid = send("POST", "/api/events", JSON.writeValueAsString(badId), organizer());

        assertThat(inconsistent.status()).isEqualTo(422);
        assertThat(fields(inconsistent)).containsExactlyInAnyOrder("endsAt", "checkpoints[0].sessionId");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(fields(unknown)).containsExactly("price");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(fields(invalid)).contains("id", "capacity");
    }

    @Test
    void changingAnEventKeepsItsSeatsAndRefusesToDropWhatIsInUse() {
        String id = "change-" + UUID.randomUUID().toString().substring(0, 8);
        send("POST", "/api/events", JSON.writeValueAsString(event(id, 50)), organizer());
        Map<String, Object> press = attendee(uniqueEmail());
        press.put("ticketType", "PRESS");
        press.put("sessions", List.of("keynote"));
        register(id, press);
        register(id, attendee(uniqueEmail()));

        Map<String, Object> tooSmall = event(id, 1);
        Map<String, Object> withoutPress = event(id, 50);
        withoutPress.put("ticketTypes", List.of(Map.of("code", "GENERAL", "name", "General")));
        assertThat(fields(send("PUT", "/api/events/" + id, JSON.writeValueAsString(tooSmall), organizer()))).containsExactly("capacity");
        assertThat(fields(send("PUT", "/api/events/" + id, JSON.writeValueAsString(withoutPress), organizer())))
                .containsExactly("ticketTypes");
        assertThat(send("PUT", "/api/events/other-id", JSON.writeValueAsString(event(id, 50)), organizer()).status()).isEqualTo(400);

        Map<String, Object> bigger = event(id, 80);
        bigger.put("names", Map.of("es", "Jornada de Ciberseguridad 2030", "en", "Cybersecurity Day 2030"));
        Response changed = send("PUT", "/api/events/" + id, JSON.writeValueAsString(bigger), organizer());

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        JsonNode shown = get("/api/events/" + id).json();
        assertThat(shown.get("name").asString()).isEqualTo("Jornada de Ciberseguridad 2030");
        assertThat(shown.get("confirmed").asInt()).isEqualTo(2);
        assertThat(shown.get("seatsLeft").asInt()).isEqualTo(78);
        assertThat(jdbc.queryForObject("SELECT confirmed FROM ticket_types WHERE event_id = ? AND code = 'PRESS'", Integer.class, id)).isOne();
        assertThat(jdbc.queryForObject("SELECT confirmed FROM sessions WHERE event_id = ? AND id = 'keynote'", Integer.class, id)).isOne();
        List<ConsumerRecord<String, String>> published = awaitRecords(Topics.EVENT_CATALOG, r -> id.equals(r.key()), 2);
        assertThat(published).extracting(r -> JSON.readTree(r.value()).get("version").asLong()).containsExactly(1L, 2L);
        assertThat(JSON.readTree(published.get(1).value()).get("capacity").asInt()).isEqualTo(80);
    }

    private Response importCsv(String eventId, String mode, String csv, String... headers) {
        return postCsv("/api/events/" + eventId + "/registrations/import?mode=" + mode, csv, headers);
    }

    private Response postCsv(String path, String csv, String... headers) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "text/csv")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv, java.nio.charset.StandardCharsets.UTF_8));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            var response = http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String companyList(String tag) {
        return "fullName,email,organization,organizationKind,country,ticketType,sessions,locale\r\n"
                + "Lucía Fernández,lucia-" + tag + "@example.com,\"Metalúrgica La Mancha, S.L.\",company,ES,,clusterfy,es\r\n"
                + "Mateo Rojas,mateo-" + tag + "@example.pe,Cámara de Comercio de Lima,PUBLIC_BODY,PE,DELEGATION,,es\r\n"
                + "Sin Correo,,Grupo TSI,RESEARCH_GROUP,ES,RESEARCH,,es\r\n"
                + "Ana Ruiz,ana-" + tag + "@example.com,UCLM,BANK,XX,VIP,keynote,fr\r\n";
    }

    @Test
    void aCsvWithBadRowsImportsNothingUnlessAskedForTheValidOnes() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String csv = companyList(tag);

        assertThat(importCsv("b2b-industrial-2017", "all-or-nothing", csv).status()).isEqualTo(401);
        Response refused = importCsv("b2b-industrial-2017", "all-or-nothing", csv, organizer());

        assertThat(refused.status()).as(refused.body()).isEqualTo(200);
        assertThat(refused.json().get("imported").asInt()).isZero();
        JsonNode rejected = refused.json().get("rejected");
        assertThat(rejected).extracting(r -> r.get("line").asInt()).containsExactly(4, 5);
        assertThat(rejected.get(0).get("errors").findValuesAsString("field")).containsExactly("email");
        assertThat(rejected.get(1).get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("country", "locale", "organizationKind", "sessions[0]", "ticketType");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM registrations WHERE email LIKE ?", Integer.class, "%" + tag + "%")).isZero();

        Response partial = importCsv("b2b-industrial-2017", "valid-only", csv, organizer());

        assertThat(partial.json().get("imported").asInt()).isEqualTo(2);
        assertThat(partial.json().get("rejected")).hasSize(2);
        assertThat(jdbc.queryForObject("SELECT organization FROM registrations WHERE email = ?", String.class,
                "lucia-" + tag + "@example.com")).isEqualTo("Metalúrgica La Mancha, S.L.");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE event_type = 'RegistrationConfirmed' AND payload LIKE ?",
                Integer.class, "%" + tag + "%")).isEqualTo(2);

        Response again = importCsv("b2b-industrial-2017", "valid-only", csv, organizer());
        assertThat(again.json().get("imported").asInt()).isZero();
        assertThat(again.json().get("alreadyRegistered").asInt()).isEqualTo(2);
    }

    @Test
    void aFileThatCannotBeReadIsAProblem() {
        Response unknownColumn = importCsv("b2b-industrial-2017", "valid-only", "fullName,email,organization,country,vip\n", organizer());
        Response missingColumn = importCsv("b2b-industrial-2017", "valid-only", "fullName,email\n", organizer());
        Response badMode = importCsv("b2b-industrial-2017", "some", "fullName,email,organization,country\n", organizer());
        Response unknownEvent = importCsv("no-such-event", "valid-only", "fullName,email,organization,country\n", organizer());

        assertThat(unknownColumn.status()).isEqualTo(400);
        assertThat(unknownColumn.json().get("errors").get(0).get("field").asString()).isEqualTo("header");
        assertThat(missingColumn.status()).isEqualTo(400);
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(badMode.json().get("errors").get(0).get("field").asString()).isEqualTo("mode");
        assertThat(unknownEvent.status()).isEqualTo(404);
    }

    @Test
    void aLargeFileRunsAsAJobWhoseProgressCanBeFollowed() {
        String id = "big-" + UUID.randomUUID().toString().substring(0, 8);
        send("POST", "/api/events", JSON.writeValueAsString(event(id, 5000)), organizer());
        StringBuilder csv = new StringBuilder("fullName,email,organization,country\n");
        for (int i = 0; i < 1500; i++) {
            csv.append("Participante ").append(i).append(",p").append(i).append('-').append(id).append("@example.com,Empresa ")
                    .append(i).append(",ES\n");
        }

        Response started = postCsv("/api/events/" + id + "/registrations/imports?mode=all-or-nothing", csv.toString(), organizer());

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String jobId = started.json().get("jobId").asString();
        assertThat(started.json().get("rowsTotal").asInt()).isEqualTo(1500);
        assertThat(send("GET", "/api/events/" + id + "/registrations/imports/" + jobId, null).status()).isEqualTo(401);
        List<Integer> seen = new ArrayList<>();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2)).until(() -> {
            JsonNode job = send("GET", "/api/events/" + id + "/registrations/imports/" + jobId, null, organizer()).json();
            seen.add(job.get("rowsChecked").asInt() + job.get("rowsImported").asInt());
            return job.get("status").asString().equals("DONE");
        });
        JsonNode done = send("GET", "/api/events/" + id + "/registrations/imports/" + jobId, null, organizer()).json();
        assertThat(done.get("rowsChecked").asInt()).isEqualTo(1500);
        assertThat(done.get("rowsImported").asInt()).isEqualTo(1500);
        assertThat(done.get("report").get("imported").asInt()).isEqualTo(1500);
        assertThat(seen).isSorted();
        assertThat(get("/api/events/" + id).json().get("confirmed").asInt()).isEqualTo(1500);
        assertThat(send("GET", "/api/events/" + id + "/registrations/imports/" + UUID.randomUUID(), null, organizer()).status())
                .isEqualTo(404);
    }

    @Test
    void raisingTheCapacityConfirmsThoseWaitingFirstInLineFirst() {
        String id = "grow-" + UUID.randomUUID().toString().substring(0, 8);
        send("POST", "/api/events", JSON.writeValueAsString(event(id, 1)), organizer());
        register(id, attendee(uniqueEmail()));
        JsonNode first = register(id, attendee(uniqueEmail())).json();
        JsonNode second = register(id, attendee(uniqueEmail())).json();
        JsonNode third = register(id, attendee(uniqueEmail())).json();

        Response grown = send("PUT", "/api/events/" + id, JSON.writeValueAsString(event(id, 3)), organizer());

        assertThat(grown.status()).isEqualTo(200);
        assertThat(grown.json().get("confirmed").asInt()).isEqualTo(3);
        assertThat(grown.json().get("waitlisted").asInt()).isOne();
        for (JsonNode r : List.of(first, second)) {
            assertThat(jdbc.queryForObject("SELECT status FROM registrations WHERE id = ?", String.class,
                    r.get("registrationId").asString())).isEqualTo("CONFIRMED");
        }
        JsonNode stillWaiting = get("/api/registrations/" + third.get("registrationId").asString() + "?token="
                + third.get("accessToken").asString()).json();
        assertThat(stillWaiting.get("status").asString()).isEqualTo("WAITLISTED");
        assertThat(stillWaiting.get("position").asInt()).isOne();
    }
}
