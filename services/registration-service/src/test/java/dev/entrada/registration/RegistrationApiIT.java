package dev.entrada.registration;

import dev.entrada.contracts.ContractFiles;
import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.Topics;
import dev.entrada.registration.registration.AccessTokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationApiIT extends CapacityScenarios {

    @Test
    void registeringConfirmsAndPublishesRegistrationConfirmed() {
        String email = uniqueEmail();
        Map<String, Object> body = attendee(email);
        body.put("ticketType", "COMPANY");
        body.put("sessions", List.of("clusterfy"));
        body.put("organizationKind", "COMPANY");
        body.put("jobTitle", "Directora de operaciones");

        Response created = register("b2b-industrial-2017", body);

        assertThat(created.status()).isEqualTo(201);
        JsonNode answer = created.json();
        String id = answer.get("registrationId").asString();
        String token = answer.get("accessToken").asString();
        assertThat(answer.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(token).matches("[A-Za-z0-9_-]{43}");

        ConsumerRecord<String, String> record = awaitRecords(Topics.REGISTRATION_EVENTS, r -> id.equals(r.key()), 1).get(0);
        assertThat(header(record, EventHeaders.EVENT_TYPE)).isEqualTo("RegistrationConfirmed");
        assertThat(UUID.fromString(header(record, EventHeaders.EVENT_ID))).isNotNull();
        JsonNode event = JSON.readTree(record.value());
        JsonNode sample = JSON.readTree(ContractFiles.sample("RegistrationConfirmed"));
        assertThat(fieldNames(event)).isEqualTo(fieldNames(sample));
        assertThat(event.get("registrationId").asString()).isEqualTo(id);
        assertThat(event.get("eventId").asString()).isEqualTo("b2b-industrial-2017");
        assertThat(event.get("email").asString()).isEqualTo(email);
        assertThat(event.get("sessions").get(0).asString()).isEqualTo("clusterfy");
        assertThat(event.get("accessTokenHash").asString()).isEqualTo(AccessTokens.hash(token));

        Response status = get("/api/registrations/" + id + "?token=" + token);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("registrationId").asString()).isEqualTo(id);
        assertThat(status.json().get("eventId").asString()).isEqualTo("b2b-industrial-2017");
        assertThat(status.json().get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(status.json().get("ticketId").isNull()).isTrue();
    }

    @Test
    void aWrongOrMissingTokenLooksLikeAnUnknownRegistration() {
        Response created = register("telecom-night-2017", attendee(uniqueEmail()));
        String id = created.json().get("registrationId").asString();

        Response wrongToken = get("/api/registrations/" + id + "?token=" + "A".repeat(43));
        Response noToken = get("/api/registrations/" + id);
        Response unknown = get("/api/registrations/" + UUID.randomUUID() + "?token=" + created.json().get("accessToken").asString());

        for (Response r : List.of(wrongToken, noToken, unknown)) {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asString()).isEqualTo(unknown.json().get("detail").asString());
        }
    }

    @Test
    void withoutTicketTypeTheEventsFirstTypeIsTaken() {
        Response created = register("telecom-night-2017", attendee(uniqueEmail()));

        assertThat(created.status()).isEqualTo(201);
        String type = jdbc.queryForObject("SELECT ticket_type FROM registrations WHERE id = ?", String.class,
                created.json().get("registrationId").asString());
        assertThat(type).isEqualTo("PROFESSIONAL");
    }

    record BadInput(String name, Consumer<Map<String, Object>> change, int status, String field) {
    }

    @Test
    void badInputsAreProblemsNamingTheFieldAndLeaveNothingBehind() {
        String email = "bad-input-" + UUID.randomUUID() + "@example.com";
        List<BadInput> cases = List.of(
                new BadInput("blank name", b -> b.put("fullName", "  "), 400, "fullName"),
                new BadInput("long name", b -> b.put("fullName", "x".repeat(201)), 400, "fullName"),
                new BadInput("bad e-mail", b -> b.put("email", "not-an-email"), 400, "email"),
                new BadInput("long e-mail", b -> b.put("email", "a".repeat(250) + "@example.com"), 400, "email"),
                new BadInput("no organization", b -> b.remove("organization"), 400, "organization"),
                new BadInput("long organization", b -> b.put("organization", "o".repeat(201)), 400, "organization"),
                new BadInput("unknown country", b -> b.put("country", "XX"), 400, "country"),
                new BadInput("alpha-3 country", b -> b.put("country", "ESP"), 400, "country"),
                new BadInput("other locale", b -> b.put("locale", "fr"), 400, "locale"),
                new BadInput("no consent", b -> b.put("consent", false), 400, "consent"),
                new BadInput("consent missing", b -> b.remove("consent"), 400, "consent"),
                new BadInput("consent not boolean", b -> b.put("consent", List.of("yes")), 400, "consent"),
                new BadInput("sessions not a list", b -> b.put("sessions", Map.of("id", "clusterfy")), 400, "sessions"),
                new BadInput("bad phone", b -> b.put("phone", "call me maybe"), 400, "phone"),
                new BadInput("unknown kind of organisation", b -> b.put("organizationKind", "BANK"), 400, "organizationKind"),
                new BadInput("long job title", b -> b.put("jobTitle", "j".repeat(201)), 400, "jobTitle"),
                new BadInput("too many sessions", b -> b.put("sessions", java.util.Collections.nCopies(21, "clusterfy")), 400, "sessions"),
                new BadInput("unknown field", b -> b.put("vip", true), 400, "vip"),
                new BadInput("unknown ticket type", b -> b.put("ticketType", "VIP"), 422, "ticketType"),
                new BadInput("unknown session", b -> b.put("sessions", List.of("clusterfy", "keynote")), 422, "sessions[1]"));

        for (BadInput bad : cases) {
            Map<String, Object> body = attendee(email);
            bad.change().accept(body);

            Response r = register("b2b-industrial-2017", body);

            assertThat(r.status()).as(bad.name()).isEqualTo(bad.status());
            assertThat(r.contentType()).as(bad.name()).startsWith("application/problem+json");
            JsonNode problem = r.json();
            assertThat(problem.get("status").asInt()).as(bad.name()).isEqualTo(bad.status());
            List<String> fields = new ArrayList<>();
            problem.get("errors").forEach(e -> fields.add(e.get("field").asString()));
            assertThat(fields).as(bad.name()).contains(bad.field());
        }

        Response malformed = post("/api/events/b2b-industrial-2017/registrations", "{\"fullName\": \"Lucía\", ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.json().get("title").asString()).isEqualTo("Malformed request");

        Response tooLarge = post("/api/events/b2b-industrial-2017/registrations",
                "{\"fullName\": \"" + "x".repeat(70_000) + "\"}");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.contentType()).startsWith("application/problem+json");

        Response unknownEvent = register("no-such-event", attendee(email));
        assertThat(unknownEvent.status()).isEqualTo(404);
        assertThat(unknownEvent.contentType()).startsWith("application/problem+json");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM registrations WHERE email_key = ?", Integer.class, email)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE payload LIKE ?", Integer.class, "%" + email + "%")).isZero();
    }

    @Test
    void theSameEmailAgainGetsTheExistingRegistrationWithoutItsToken() {
        String email = uniqueEmail();
        Response first = register("b2b-industrial-2017", attendee(email));

        Response again = register("b2b-industrial-2017", attendee(email.toUpperCase()));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("registrationId").asString()).isEqualTo(first.json().get("registrationId").asString());
        assertThat(again.json().get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(again.json().has("accessToken")).isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM registrations WHERE email_key = ?", Integer.class, email)).isOne();
    }

    @Test
    void concurrentDuplicatesEndAsOneCreatedAndTheRestOk() throws Exception {
        String email = uniqueEmail();

        List<Response> responses = concurrently(8, i -> register("telecom-night-2017", attendee(email)));

        assertThat(responses).extracting(Response::status).containsOnly(201, 200);
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        Set<String> ids = responses.stream().map(r -> r.json().get("registrationId").asString()).collect(Collectors.toSet());
        assertThat(ids).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE record_key = ?", Integer.class, ids.iterator().next())).isOne();
    }

    @Test
    void twentyConcurrentRegistrationsForFiveSeatsConfirmFiveAndWaitlistFifteen() throws Exception {
        createEvent("five-seats", 5, true);

        List<Response> responses = concurrently(20, i -> register("five-seats", attendee(uniqueEmail())));

        assertThat(responses).extracting(Response::status).containsOnly(201);
        Map<String, Long> byStatus = responses.stream()
                .collect(Collectors.groupingBy(r -> r.json().get("status").asString(), Collectors.counting()));
        assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of("CONFIRMED", 5L, "WAITLISTED", 15L));

        JsonNode event = get("/api/events/five-seats").json();
        assertThat(event.get("confirmed").asInt()).isEqualTo(5);
        assertThat(event.get("waitlisted").asInt()).isEqualTo(15);
        assertThat(event.get("seatsLeft").asInt()).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE event_type = 'RegistrationWaitlisted'"
                + " AND payload LIKE '%five-seats%'", Integer.class)).isEqualTo(15);
    }

    @Test
    void aFullEventWithoutWaitingListRefusesWithConflict() {
        createEvent("one-seat", 1, false);
        assertThat(register("one-seat", attendee(uniqueEmail())).status()).isEqualTo(201);

        String email = uniqueEmail();
        Response refused = register("one-seat", attendee(email));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM registrations WHERE email_key = ?", Integer.class, email)).isZero();
        assertThat(get("/api/events/one-seat").json().get("confirmed").asInt()).isOne();
    }

    @Test
    void theCatalogueShowsBothSeedEventsWithThePublicFields() {
        Response list = get("/api/events");

        assertThat(list.status()).isEqualTo(200);
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        list.json().forEach(e -> byId.put(e.get("id").asString(), e));
        assertThat(byId).containsKeys("telecom-night-2017", "b2b-industrial-2017");
        JsonNode b2b = byId.get("b2b-industrial-2017");
        assertThat(fieldNames(b2b)).contains("id", "name", "names", "venue", "city", "startsAt", "endsAt", "capacity",
                "waitingList", "ticketTypes", "sessions", "checkpoints", "confirmed", "waitlisted", "seatsLeft");
        assertThat(b2b.get("names").get("en").asString()).isEqualTo("3rd Castilla-La Mancha B2B Industrial Meeting");
        assertThat(b2b.get("capacity").asInt()).isEqualTo(310);
        assertThat(b2b.get("startsAt").asString()).isEqualTo("2017-11-23T08:30:00Z");
        assertThat(b2b.get("ticketTypes").get(0).get("code").asString()).isEqualTo("COMPANY");
        assertThat(b2b.get("checkpoints").findValuesAsString("id")).containsExactly("entrance", "session-room", "b2b-area");
        JsonNode telecom = get("/api/events/telecom-night-2017").json();
        assertThat(telecom.get("checkpoints").findValuesAsString("kind")).containsExactly("DOOR", "SESSION");
        assertThat(telecom.get("sessions")).hasSize(3);

        Response unknown = get("/api/events/no-such-event");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("status").asInt()).isEqualTo(404);
    }

    private static Set<String> fieldNames(JsonNode node) {
        return new HashSet<>(node.propertyNames());
    }

    private static List<Response> concurrently(int n, java.util.function.IntFunction<Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Response> task = () -> {
                    start.await();
                    return call.apply(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : futures) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
