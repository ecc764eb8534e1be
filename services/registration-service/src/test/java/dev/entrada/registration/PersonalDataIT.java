package dev.entrada.registration;

import dev.entrada.testing.PersonalDataSearch;
import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.Topics;
import dev.entrada.registration.registration.AccessTokens;
import dev.entrada.registration.registration.PersonalDataService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Export, erasure on request and retention (issue 8), against H2 and a real Kafka broker. */
class PersonalDataIT extends ServiceTestSupport {
    @Autowired
    DataSource dataSource;
    @Autowired
    PersonalDataService personalData;

    /** A person whose every personal field is unique to the test, so a search finds only them. */
    record Person(String fullName, String email, String organization, String jobTitle, String phone) {
        static Person unique() {
            String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            String digits = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits())).substring(0, 9);
            return new Person("Zoraida Quintanilla " + tag, "zq-" + tag + "@example.org", "Cooperativa " + tag,
                    "Jefa de planta " + tag, "+34 " + digits);
        }

        Map<String, Object> request() {
            Map<String, Object> body = attendee(email);
            body.put("fullName", fullName);
            body.put("organization", organization);
            body.put("organizationKind", "COMPANY");
            body.put("jobTitle", jobTitle);
            body.put("phone", phone);
            return body;
        }

        String[] needles() {
            return new String[] {fullName, email, organization, jobTitle, phone};
        }
    }

    private static String id(JsonNode created) {
        return created.get("registrationId").asString();
    }

    private static String link(JsonNode created, String suffix) {
        // the new calls take ?t= (as the ticket pages do); the older registration calls ?token=
        return "/api/registrations/" + id(created) + suffix + (suffix.isEmpty() ? "?token=" : "?t=") + created.get("accessToken").asString();
    }

    private String futureEvent(Integer capacity) {
        String eventId = "gdpr-" + UUID.randomUUID().toString().substring(0, 8);
        createEvent(eventId, capacity, true);
        return eventId;
    }

    private void awaitPublished() {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL", Integer.class) == 0);
    }

    private int outboxRows(String registrationId, String type) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE record_key = ? AND event_type = ?", Integer.class, registrationId, type);
    }

    @Test
    void theAttendeeExportsEverythingHeldAboutThemAndNobodyElseCan() {
        Person person = Person.unique();
        String eventId = futureEvent(null);
        JsonNode created = register(eventId, person.request()).json();
        JsonNode other = register(eventId, attendee(uniqueEmail())).json();

        Response export = get(link(created, "/export"));

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/json");
        JsonNode body = export.json();
        assertThat(body.get("registrationId").asString()).isEqualTo(id(created));
        assertThat(body.get("eventId").asString()).isEqualTo(eventId);
        assertThat(body.at("/attendee/fullName").asString()).isEqualTo(person.fullName());
        assertThat(body.at("/attendee/email").asString()).isEqualTo(person.email());
        assertThat(body.at("/attendee/organization").asString()).isEqualTo(person.organization());
        assertThat(body.at("/attendee/organizationKind").asString()).isEqualTo("COMPANY");
        assertThat(body.at("/attendee/jobTitle").asString()).isEqualTo(person.jobTitle());
        assertThat(body.at("/attendee/phone").asString()).isEqualTo(person.phone());
        assertThat(body.at("/attendee/country").asString()).isEqualTo("ES");
        assertThat(body.at("/consent/privacyPolicyVersion").asString()).isEqualTo("2017-10");
        assertThat(Instant.parse(body.at("/consent/givenAt").asString())).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
        assertThat(body.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(body.get("ticketType").asString()).isEqualTo("GENERAL");
        assertThat(body.at("/history/registeredAt").isNull()).isFalse();
        assertThat(body.get("ticketIds").isArray()).isTrue();

        String bare = "/api/registrations/" + id(created) + "/export";
        assertThat(get(bare).status()).as("no token").isEqualTo(404);
        assertThat(get(bare + "?t=" + other.get("accessToken").asString()).status()).as("another attendee's token").isEqualTo(404);
        assertThat(send("GET", bare, null, TestCallers.HEADER, TestCallers.staff("*")).status()).as("staff").isEqualTo(404);
        Response byOrganizer = send("GET", bare, null, organizer());
        assertThat(byOrganizer.status()).isEqualTo(200);
        assertThat(byOrganizer.json().at("/attendee/email").asString()).isEqualTo(person.email());
        assertThat(get("/api/registrations/" + UUID.randomUUID() + "/export?t=x").status()).isEqualTo(404);
    }

    @Test
    void erasureCancelsPromotesTheNextAnonymisesAndAnnouncesWithoutPersonalData() {
        Person person = Person.unique();
        String eventId = futureEvent(1);
        JsonNode erased = register(eventId, person.request()).json();
        JsonNode waiting = register(eventId, attendee(uniqueEmail())).json();
        assertThat(waiting.get("status").asString()).isEqualTo("WAITLISTED");
        awaitPublished();
        assertThat(PersonalDataSearch.find(dataSource, person.needles()))
                .as("the search sees the person before the erasure (registrations and the outbox)")
                .anySatisfy(hit -> assertThat(hit).startsWith("registrations.full_name"))
                .anySatisfy(hit -> assertThat(hit).startsWith("outbox.payload"));

        assertThat(attemptRows(person.email())).as("the per-address limit counts the person").isEqualTo(1);

        Response erasure = send("POST", link(erased, "/erasure"), null);

        assertThat(erasure.status()).isEqualTo(200);
        assertThat(erasure.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(erasure.json().get("reason").asString()).isEqualTo("REQUEST_BY_ATTENDEE");
        assertThat(erasure.json().get("alreadyErased").asBoolean()).isFalse();
        assertThat(PersonalDataSearch.find(dataSource, person.needles())).as("every text column of every table").isEmpty();
        assertThat(PersonalDataSearch.tables(dataSource)).contains("registrations", "outbox", "idempotency_keys", "processed_events");
        assertThat(attemptRows(person.email())).as("nor is the hash of the address kept for the limit").isZero();
        // the seat went to the next person, through the normal cancellation
        assertThat(get(link(waiting, "")).json().get("status").asString()).isEqualTo("CONFIRMED");
        JsonNode event = get("/api/events/" + eventId).json();
        assertThat(event.get("confirmed").asInt()).isOne();
        assertThat(event.get("waitlisted").asInt()).isZero();

        List<ConsumerRecord<String, String>> records = awaitRecords(Topics.REGISTRATION_EVENTS,
                r -> id(erased).equals(r.key()) && List.of("RegistrationCancelled", "AttendeeErased").contains(header(r, EventHeaders.EVENT_TYPE)), 2);
        assertThat(records).extracting(r -> header(r, EventHeaders.EVENT_TYPE)).containsExactly("RegistrationCancelled", "AttendeeErased");
        JsonNode announced = JSON.readTree(records.get(1).value());
        assertThat(announced.get("registrationId").asString()).isEqualTo(id(erased));
        assertThat(announced.get("eventId").asString()).isEqualTo(eventId);
        assertThat(announced.get("reason").asString()).isEqualTo("REQUEST_BY_ATTENDEE");
        assertThat(announced.propertyNames()).containsExactlyInAnyOrder("registrationId", "eventId", "reason", "occurredAt");

        // what the attendee can still see: the anonymised registration
        JsonNode after = get(link(erased, "/export")).json();
        assertThat(after.at("/attendee/fullName").asString()).isEqualTo(PersonalDataService.ERASED_NAME);
        assertThat(after.at("/attendee/email").isNull()).isTrue();
        assertThat(after.at("/attendee/organizationKind").asString()).isEqualTo("COMPANY");
        assertThat(after.at("/history/erasureReason").asString()).isEqualTo("REQUEST_BY_ATTENDEE");

        // again: the same answer, nothing new
        Response again = send("POST", link(erased, "/erasure"), null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("alreadyErased").asBoolean()).isTrue();
        assertThat(again.json().get("erasedAt").asString()).isEqualTo(erasure.json().get("erasedAt").asString());
        assertThat(outboxRows(id(erased), "AttendeeErased")).isOne();
        assertThat(send("DELETE", link(erased, ""), null).status()).isEqualTo(200);
        assertThat(outboxRows(id(erased), "RegistrationCancelled")).as("the erasure's own, no second one").isOne();
        assertThat(outboxRows(id(erased), "RegistrationConfirmed")).as("published before the erasure: dropped").isZero();

        // no correction (and so no re-issued ticket) can bring data back
        Response correction = send("PATCH", link(erased, ""), "{\"fullName\":\"" + person.fullName() + "\"}");
        assertThat(correction.status()).isEqualTo(409);
        assertThat(outboxRows(id(erased), "RegistrationCorrected")).isZero();
        assertThat(PersonalDataSearch.find(dataSource, person.needles())).isEmpty();
    }

    @Test
    void anOrganiserErasesWithoutTheLinkAndOthersCannot() {
        Person person = Person.unique();
        String eventId = futureEvent(null);
        JsonNode created = register(eventId, person.request()).json();
        String bare = "/api/registrations/" + id(created) + "/erasure";

        assertThat(send("POST", bare, null).status()).isEqualTo(404);
        assertThat(send("POST", bare + "?t=" + "A".repeat(43), null).status()).isEqualTo(404);
        assertThat(send("POST", bare, null, TestCallers.HEADER, TestCallers.staff("*")).status()).isEqualTo(404);
        assertThat(send("POST", bare, null, TestCallers.HEADER, TestCallers.forged()).status()).isEqualTo(401);
        assertThat(PersonalDataSearch.find(dataSource, person.fullName())).isNotEmpty();

        Response byOrganizer = send("POST", bare, null, organizer());

        assertThat(byOrganizer.status()).isEqualTo(200);
        assertThat(byOrganizer.json().get("reason").asString()).isEqualTo("REQUEST_BY_ORGANIZER");
        assertThat(PersonalDataSearch.find(dataSource, person.needles())).isEmpty();
        assertThat(awaitRecords(Topics.REGISTRATION_EVENTS, r -> id(created).equals(r.key())
                && "AttendeeErased".equals(header(r, EventHeaders.EVENT_TYPE)), 1).get(0).value())
                .contains("\"reason\":\"REQUEST_BY_ORGANIZER\"");
    }

    @Test
    void retentionAnonymisesRegistrationsOfEventsThatEndedLongerAgoThanTheRetentionKeepingTheCounts() {
        Instant now = Instant.now();
        String ended = "ended-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("INSERT INTO events (id, version, published_version, name, venue, city, starts_at, ends_at, capacity, waiting_list)"
                        + " VALUES (?, 1, 1, 'Past', 'Sala', 'Tomelloso', ?, ?, NULL, TRUE)", ended,
                Timestamp.from(now.minus(41, ChronoUnit.DAYS)), Timestamp.from(now.minus(40, ChronoUnit.DAYS)));
        jdbc.update("INSERT INTO ticket_types (event_id, code, name, capacity, position) VALUES (?, 'GENERAL', 'General', NULL, 0)", ended);
        Person old = Person.unique();
        Person recent = Person.unique();
        Person upcoming = Person.unique();
        JsonNode oldReg = register(ended, old.request()).json();
        JsonNode recentReg = register(ended, recent.request()).json();
        JsonNode upcomingReg = register(futureEvent(null), upcoming.request()).json();
        // registered before the event ended (the request path cannot do that for a past event)
        jdbc.update("UPDATE registrations SET created_at = ? WHERE id = ?", Timestamp.from(now.minus(45, ChronoUnit.DAYS)), id(oldReg));

        assertThat(personalData.eraseExpired(now)).isOne();

        assertThat(PersonalDataSearch.find(dataSource, old.needles())).isEmpty();
        assertThat(PersonalDataSearch.find(dataSource, recent.fullName())).as("registered 0 days ago: kept 30 days").isNotEmpty();
        assertThat(PersonalDataSearch.find(dataSource, upcoming.fullName())).isNotEmpty();
        JsonNode oldNow = get(link(oldReg, "/export")).json();
        assertThat(oldNow.get("status").asString()).as("the count stays: not cancelled").isEqualTo("CONFIRMED");
        assertThat(oldNow.at("/history/erasureReason").asString()).isEqualTo("RETENTION");
        assertThat(get("/api/events/" + ended).json().get("confirmed").asInt()).isEqualTo(2);

        // 31 days on (an injected clock): the late registration's time is up too, the upcoming event's is not
        assertThat(personalData.eraseExpired(now.plus(31, ChronoUnit.DAYS))).isOne();
        assertThat(personalData.eraseExpired(now.plus(31, ChronoUnit.DAYS))).as("nothing left to do").isZero();
        assertThat(PersonalDataSearch.find(dataSource, recent.needles())).isEmpty();
        assertThat(PersonalDataSearch.find(dataSource, upcoming.fullName())).isNotEmpty();
        assertThat(get("/api/events/" + ended).json().get("confirmed").asInt()).isEqualTo(2);

        List<ConsumerRecord<String, String>> erasures = awaitRecords(Topics.REGISTRATION_EVENTS,
                r -> "AttendeeErased".equals(header(r, EventHeaders.EVENT_TYPE))
                        && List.of(id(oldReg), id(recentReg)).contains(r.key()), 2);
        assertThat(erasures).allSatisfy(r -> assertThat(r.value()).contains("\"reason\":\"RETENTION\"").contains(ended));
        assertThat(outboxRows(id(oldReg), "RegistrationCancelled")).isZero();
        assertThat(outboxRows(id(upcomingReg), "AttendeeErased")).isZero();
    }

    /** Rows of the per-address registration limit for {@code email} (kept by the SHA-256 of the address). */
    private int attemptRows(String email) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM registration_attempts WHERE email_hash = ?")) {
            count.setString(1, AccessTokens.hash(email.toLowerCase(Locale.ROOT)));
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
