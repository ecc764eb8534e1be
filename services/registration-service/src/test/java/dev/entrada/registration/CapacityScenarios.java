package dev.entrada.registration;

import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Capacity under concurrency, run against every database we support: each subclass brings its own
 * (H2 in {@link RegistrationApiIT}, PostgreSQL in {@link PostgresRegistrationIT}).
 */
abstract class CapacityScenarios extends ServiceTestSupport {

    @Test
    void twoThousandRegistrationsOnSixtyFourThreadsForFiveHundredSeats() throws Exception {
        String eventId = "load-" + UUID.randomUUID().toString().substring(0, 8);
        createEvent(eventId, 500, true);

        List<Response> responses = concurrently(64, 2000, i -> register(eventId, attendee(uniqueEmail())));

        assertThat(responses).extracting(Response::status).containsOnly(201);
        Map<String, String> statusById = new HashMap<>();
        Map<String, Long> seqById = new HashMap<>();
        jdbc.query("SELECT id, status, waitlist_seq FROM registrations WHERE event_id = ?", rs -> {
            statusById.put(rs.getString("id"), rs.getString("status"));
            seqById.put(rs.getString("id"), rs.getObject("waitlist_seq") == null ? null : rs.getLong("waitlist_seq"));
        }, eventId);
        assertThat(statusById.values().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
                .containsExactlyInAnyOrderEntriesOf(Map.of("CONFIRMED", 500L, "WAITLISTED", 1500L));
        assertThat(responses.stream().map(r -> r.json().get("registrationId").asString()).collect(Collectors.toSet()))
                .isEqualTo(statusById.keySet());
        JsonNode event = get("/api/events/" + eventId).json();
        assertThat(event.get("confirmed").asInt()).isEqualTo(500);
        assertThat(event.get("waitlisted").asInt()).isEqualTo(1500);

        // nobody has left the list, so a position is the order of joining: 1..1,500, no gaps, no repeats
        List<Long> positions = seqById.values().stream().filter(java.util.Objects::nonNull).sorted().toList();
        assertThat(positions).containsExactlyElementsOf(IntStream.rangeClosed(1, 1500).mapToObj(Long::valueOf).toList());

        List<ConsumerRecord<String, String>> records = awaitRecords(Topics.REGISTRATION_EVENTS,
                r -> r.value().contains("\"eventId\":\"" + eventId + "\""), 2000, Duration.ofMinutes(2));
        Map<String, ConsumerRecord<String, String>> byKey = records.stream()
                .collect(Collectors.toMap(ConsumerRecord::key, r -> r, (a, b) -> {
                    throw new AssertionError("two events for registration " + a.key());
                }));
        assertThat(byKey.keySet()).isEqualTo(statusById.keySet());
        List<Integer> eventPositions = new ArrayList<>();
        byKey.forEach((id, record) -> {
            String status = statusById.get(id);
            assertThat(header(record, EventHeaders.EVENT_TYPE))
                    .isEqualTo(status.equals("CONFIRMED") ? "RegistrationConfirmed" : "RegistrationWaitlisted");
            if (status.equals("WAITLISTED")) {
                int position = JSON.readTree(record.value()).get("position").asInt();
                assertThat((long) position).as(id).isEqualTo(seqById.get(id));
                eventPositions.add(position);
            }
        });
        assertThat(eventPositions).hasSize(1500).doesNotHaveDuplicates();
    }

    @Test
    void cancellationsRacingNewRegistrationsNeverOverbookNorPromoteTwice() throws Exception {
        String eventId = "race-" + UUID.randomUUID().toString().substring(0, 8);
        createEvent(eventId, 20, true);
        List<JsonNode> confirmed = new ArrayList<>();
        List<JsonNode> waiting = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            JsonNode created = register(eventId, attendee(uniqueEmail())).json();
            (i < 20 ? confirmed : waiting).add(created);
            assertThat(created.get("status").asString()).isEqualTo(i < 20 ? "CONFIRMED" : "WAITLISTED");
        }

        // 15 cancellations, 5 of them sent twice at once, racing 20 new registrations
        List<Response> answers = concurrently(40, 40, i -> {
            if (i < 20) {
                JsonNode r = confirmed.get(i % 15);
                return send("DELETE", "/api/registrations/" + r.get("registrationId").asString()
                        + "?token=" + r.get("accessToken").asString(), null);
            }
            return register(eventId, attendee(uniqueEmail()));
        });

        for (int i = 0; i < 40; i++) {
            Response answer = answers.get(i);
            assertThat(answer.status()).as("answer %d: %s", i, answer.body()).isEqualTo(i < 20 ? 200 : 201);
            if (i < 20) {
                assertThat(answer.json().get("status").asString()).isEqualTo("CANCELLED");
            } else {
                // seats freed by a cancellation go to those already waiting, never to a newcomer
                assertThat(answer.json().get("status").asString()).isEqualTo("WAITLISTED");
            }
        }
        Map<String, Integer> counts = new HashMap<>();
        jdbc.query("SELECT status, COUNT(*) AS n FROM registrations WHERE event_id = ? GROUP BY status",
                rs -> {
                    counts.put(rs.getString("status"), rs.getInt("n"));
                }, eventId);
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("CONFIRMED", 20, "CANCELLED", 15, "WAITLISTED", 25));
        JsonNode event = get("/api/events/" + eventId).json();
        assertThat(event.get("confirmed").asInt()).isEqualTo(20);
        assertThat(event.get("waitlisted").asInt()).isEqualTo(25);

        // the first 15 in line were promoted, each exactly once; the rest moved up without gaps
        for (int i = 0; i < 20; i++) {
            String id = waiting.get(i).get("registrationId").asString();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE record_key = ? AND event_type = 'RegistrationConfirmed'",
                    Integer.class, id)).as("promotions of waiting #%d", i + 1).isEqualTo(i < 15 ? 1 : 0);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE event_type = 'RegistrationCancelled' AND payload LIKE ?",
                Integer.class, "%\"" + eventId + "\"%")).isEqualTo(15);
        List<Integer> positions = new ArrayList<>();
        for (JsonNode w : waiting.subList(15, 20)) {
            JsonNode view = get("/api/registrations/" + w.get("registrationId").asString() + "?token=" + w.get("accessToken").asString()).json();
            assertThat(view.get("status").asString()).isEqualTo("WAITLISTED");
            positions.add(view.get("position").asInt());
        }
        for (Response newcomer : answers.subList(20, 40)) {
            JsonNode n = newcomer.json();
            positions.add(get("/api/registrations/" + n.get("registrationId").asString() + "?token=" + n.get("accessToken").asString())
                    .json().get("position").asInt());
        }
        assertThat(positions.subList(0, 5)).containsExactly(1, 2, 3, 4, 5);
        assertThat(positions.stream().sorted().toList()).isEqualTo(IntStream.rangeClosed(1, 25).boxed().toList());
    }
}
