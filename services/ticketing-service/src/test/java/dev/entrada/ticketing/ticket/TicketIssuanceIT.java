package dev.entrada.ticketing.ticket;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.Topics;
import dev.entrada.contracts.code.Ed25519Keys;
import dev.entrada.contracts.code.TicketCode;
import dev.entrada.contracts.registration.AttendeeErased;
import dev.entrada.contracts.registration.RegistrationCancelled;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.registration.RegistrationCorrected;
import dev.entrada.contracts.signing.SigningKeyPublished;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.contracts.ticket.TicketRevoked;
import dev.entrada.ticketing.TicketingServiceTestSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TicketIssuanceIT extends TicketingServiceTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aConfirmedRegistrationGetsOneTicketWhoseCodeVerifiesWithThePublishedKey() throws Exception {
        RegistrationConfirmed registration = confirmed(UUID.randomUUID().toString());

        publish(registration, UUID.randomUUID().toString());

        ConsumerRecord<String, String> issuedRecord = awaitTicketIssued(registration.registrationId());
        TicketIssued issued = json.readValue(issuedRecord.value(), TicketIssued.class);
        assertThat(issuedRecord.key()).isEqualTo(issued.ticketId());
        assertThat(header(issuedRecord, EventHeaders.EVENT_TYPE)).isEqualTo("TicketIssued");
        assertThat(UUID.fromString(header(issuedRecord, EventHeaders.EVENT_ID))).isNotNull();
        assertThat(issued.eventId()).isEqualTo("b2b-industrial-2017");
        assertThat(issued.ticketType()).isEqualTo("COMPANY");
        assertThat(issued.holderName()).isEqualTo("Lucía Fernández Ortega");
        assertThat(issued.organization()).isEqualTo("Metalúrgica La Mancha S.L.");
        assertMatchesSchema("TicketIssued", issuedRecord.value());

        ConsumerRecord<String, String> keyRecord = await().atMost(Duration.ofSeconds(30)).until(
                () -> recordsOn(Topics.SIGNING_KEYS).stream().filter(r -> issued.keyId().equals(r.key())).findFirst(),
                Optional::isPresent).orElseThrow();
        assertThat(header(keyRecord, EventHeaders.EVENT_TYPE)).isEqualTo("SigningKeyPublished");
        SigningKeyPublished key = json.readValue(keyRecord.value(), SigningKeyPublished.class);
        assertThat(key.algorithm()).isEqualTo("Ed25519");
        assertThat(keyRecord.value()).doesNotContainIgnoringCase("private");
        assertMatchesSchema("SigningKeyPublished", keyRecord.value());

        HttpResponse<byte[]> response = get("/api/tickets/" + issued.ticketId() + "?token=" + SAMPLE_TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("private, no-store");
        JsonNode ticket = read(text(response));
        assertThat(ticket.get("ticketId").asString()).isEqualTo(issued.ticketId());
        assertThat(ticket.get("registrationId").asString()).isEqualTo(registration.registrationId());
        assertThat(ticket.get("eventId").asString()).isEqualTo("b2b-industrial-2017");
        assertThat(ticket.get("ticketType").asString()).isEqualTo("COMPANY");
        assertThat(ticket.get("holderName").asString()).isEqualTo("Lucía Fernández Ortega");
        assertThat(ticket.get("organization").asString()).isEqualTo("Metalúrgica La Mancha S.L.");
        assertThat(ticket.get("status").asString()).isEqualTo("ISSUED");

        String code = ticket.get("code").asString();
        TicketCode.Parsed parsed = TicketCode.parse(code);
        assertThat(parsed.isSignedBy(Ed25519Keys.publicKey(key.publicKey()))).isTrue();
        assertThat(parsed.claims().ticketId()).isEqualTo(UUID.fromString(issued.ticketId()));
        assertThat(parsed.claims().keyIdText()).isEqualTo(issued.keyId());
        assertThat(parsed.claims().isForEvent("b2b-industrial-2017")).isTrue();
        assertThat(parsed.claims().isForEvent("telecom-night-2017")).isFalse();
        assertThat(parsed.claims().isOfType("COMPANY")).isTrue();
        assertThat(parsed.claims().hasWindow()).isFalse();

        HttpResponse<byte[]> png = get("/api/tickets/" + issued.ticketId() + "/qr.png?token=" + SAMPLE_TOKEN);
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(png.headers().firstValue("Cache-Control")).contains("private, no-store");
        var image = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText()).isEqualTo(code);

        HttpResponse<byte[]> svg = get("/api/tickets/" + issued.ticketId() + "/qr.svg?token=" + SAMPLE_TOKEN);
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
        assertThat(svg.headers().firstValue("Cache-Control")).contains("private, no-store");
        assertThat(text(svg)).contains("<svg").contains("<path");
    }

    @Test
    void aWrongOrMissingTokenLooksExactlyLikeAnUnknownTicket() {
        RegistrationConfirmed registration = confirmed(UUID.randomUUID().toString());
        publish(registration, UUID.randomUUID().toString());
        String ticketId = json.readValue(awaitTicketIssued(registration.registrationId()).value(), TicketIssued.class).ticketId();

        assertThat(get("/api/tickets/" + ticketId + "?token=" + SAMPLE_TOKEN).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> unknown = get("/api/tickets/" + UUID.randomUUID() + "?token=" + SAMPLE_TOKEN);
        for (String path : List.of(
                "/api/tickets/" + ticketId + "?token=wrong",
                "/api/tickets/" + ticketId,
                "/api/tickets/" + ticketId + "/qr.png?token=wrong",
                "/api/tickets/" + ticketId + "/qr.svg")) {
            HttpResponse<byte[]> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).as(path).contains("application/problem+json");
            JsonNode problem = read(text(response));
            assertThat(problem.get("status").asInt()).isEqualTo(404);
            assertThat(problem.get("type").asString()).isEqualTo("https://entrada.dev/problems/ticket-not-found");
            assertThat(problem.get("detail").asString()).isEqualTo(read(text(unknown)).get("detail").asString());
        }
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void aMalformedTicketIdOrAnOversizedTokenIsABadRequestNamingTheField() {
        HttpResponse<byte[]> badId = get("/api/tickets/not-a-uuid?token=" + SAMPLE_TOKEN);
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(read(text(badId)).get("errors").get(0).get("field").asString()).isEqualTo("ticketId");

        HttpResponse<byte[]> badQrId = get("/api/tickets/not-a-uuid/qr.svg?token=" + SAMPLE_TOKEN);
        assertThat(badQrId.statusCode()).isEqualTo(400);
        assertThat(read(text(badQrId)).get("errors").get(0).get("field").asString()).isEqualTo("ticketId");

        HttpResponse<byte[]> longToken = get("/api/tickets/" + UUID.randomUUID() + "/qr.png?token=" + "x".repeat(500));
        assertThat(longToken.statusCode()).isEqualTo(400);
        assertThat(read(text(longToken)).get("errors").get(0).get("field").asString()).isEqualTo("token");
    }

    @Test
    void aRedeliveredConfirmationIssuesNoSecondTicket() {
        RegistrationConfirmed registration = confirmed(UUID.randomUUID().toString());
        String eventId = UUID.randomUUID().toString();
        publish(registration, eventId);
        awaitTicketIssued(registration.registrationId());

        publish(registration, eventId);
        // The same confirmation under a new event id (a producer that re-sent it) is absorbed too.
        publish(registration, UUID.randomUUID().toString());
        // Records of one topic partition are handled in order, and the outbox publishes in order:
        // once the next registration's ticket is out, both duplicates were handled.
        RegistrationConfirmed next = confirmed(UUID.randomUUID().toString());
        publish(next, UUID.randomUUID().toString());
        awaitTicketIssued(next.registrationId());

        assertThat(ticketIssuedFor(registration.registrationId())).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets WHERE registration_id = ?")
                .param(registration.registrationId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aCancellationRevokesTheTicket() throws Exception {
        RegistrationConfirmed registration = confirmed(UUID.randomUUID().toString());
        publish(registration, UUID.randomUUID().toString());
        String ticketId = json.readValue(awaitTicketIssued(registration.registrationId()).value(), TicketIssued.class).ticketId();

        publish(new RegistrationCancelled(registration.registrationId(), registration.eventId(), "ATTENDEE", Instant.now()),
                UUID.randomUUID().toString());

        ConsumerRecord<String, String> revokedRecord = await().atMost(Duration.ofSeconds(30)).until(
                () -> recordsOn(Topics.TICKET_EVENTS).stream()
                        .filter(r -> ticketId.equals(r.key()) && "TicketRevoked".equals(header(r, EventHeaders.EVENT_TYPE)))
                        .findFirst(),
                Optional::isPresent).orElseThrow();
        assertMatchesSchema("TicketRevoked", revokedRecord.value());
        TicketRevoked revoked = json.readValue(revokedRecord.value(), TicketRevoked.class);
        assertThat(revoked.ticketId()).isEqualTo(ticketId);
        assertThat(revoked.eventId()).isEqualTo("b2b-industrial-2017");
        assertThat(revoked.reason()).isEqualTo("REGISTRATION_CANCELLED");
        assertThat(read(text(get("/api/tickets/" + ticketId + "?token=" + SAMPLE_TOKEN))).get("status").asString())
                .isEqualTo("REVOKED");
    }

    @Test
    void aCorrectionRevokesTheTicketIssuesANewOneAndTheOldIdPointsToTheCurrentOne() throws Exception {
        RegistrationConfirmed registration = confirmed(UUID.randomUUID().toString());
        publish(registration, UUID.randomUUID().toString());
        String oldId = json.readValue(awaitTicketIssued(registration.registrationId()).value(), TicketIssued.class).ticketId();
        String oldCode = read(text(get("/api/tickets/" + oldId + "?token=" + SAMPLE_TOKEN))).get("code").asString();

        RegistrationCorrected correction = new RegistrationCorrected(registration.registrationId(), registration.eventId(),
                "Lucía Fernández-Ortega", "Metalúrgica Manchega S.A.", "CEO", "ES", Instant.now());
        String correctionEventId = UUID.randomUUID().toString();
        publish(correction, correctionEventId);

        ConsumerRecord<String, String> revokedRecord = awaitRevoked(oldId);
        assertMatchesSchema("TicketRevoked", revokedRecord.value());
        assertThat(json.readValue(revokedRecord.value(), TicketRevoked.class).reason()).isEqualTo("CORRECTED");
        List<ConsumerRecord<String, String>> issued = await().atMost(Duration.ofSeconds(30))
                .until(() -> ticketIssuedFor(registration.registrationId()), l -> l.size() == 2);
        // Different ticket ids may sit on different partitions: pick the new one by id, not by position.
        ConsumerRecord<String, String> reissuedRecord = issued.stream().filter(r -> !oldId.equals(r.key())).findFirst().orElseThrow();
        assertMatchesSchema("TicketIssued", reissuedRecord.value());
        TicketIssued reissued = json.readValue(reissuedRecord.value(), TicketIssued.class);
        assertThat(reissued.holderName()).isEqualTo("Lucía Fernández-Ortega");
        assertThat(reissued.organization()).isEqualTo("Metalúrgica Manchega S.A.");
        assertThat(reissued.ticketType()).isEqualTo(registration.ticketType());

        JsonNode current = read(text(get("/api/tickets/" + reissued.ticketId() + "?token=" + SAMPLE_TOKEN)));
        assertThat(current.get("status").asString()).isEqualTo("ISSUED");
        assertThat(current.get("holderName").asString()).isEqualTo("Lucía Fernández-Ortega");
        assertThat(current.get("replacedBy").isNull()).isTrue();
        String newCode = current.get("code").asString();
        assertThat(newCode).isNotEqualTo(oldCode);
        assertThat(TicketCode.parse(newCode).claims().ticketId()).isEqualTo(UUID.fromString(reissued.ticketId()));

        HttpResponse<byte[]> old = get("/api/tickets/" + oldId + "?token=" + SAMPLE_TOKEN);
        assertThat(old.statusCode()).isEqualTo(200);
        JsonNode replaced = read(text(old));
        assertThat(replaced.get("ticketId").asString()).isEqualTo(oldId);
        assertThat(replaced.get("status").asString()).isEqualTo("REPLACED");
        assertThat(replaced.get("replacedBy").asString()).isEqualTo(reissued.ticketId());
        assertThat(replaced.get("code").isNull()).isTrue();
        assertThat(replaced.get("holderName").isNull()).isTrue();
        assertThat(get("/api/tickets/" + oldId + "?token=wrong").statusCode()).isEqualTo(404);
        assertThat(get("/api/tickets/" + oldId + "/qr.png?token=" + SAMPLE_TOKEN).statusCode()).isEqualTo(404);

        // The same correction again changes nothing; a second correction chains: the first id points to the newest.
        publish(correction, correctionEventId);
        publish(new RegistrationCorrected(registration.registrationId(), registration.eventId(), "Lucía Fernández Ortega",
                "Metalúrgica Manchega S.A.", null, "ES", Instant.now()), UUID.randomUUID().toString());
        List<ConsumerRecord<String, String>> afterSecond = await().atMost(Duration.ofSeconds(30))
                .until(() -> ticketIssuedFor(registration.registrationId()), l -> l.size() >= 3);
        String newest = afterSecond.stream().map(ConsumerRecord::key)
                .filter(id -> !id.equals(oldId) && !id.equals(reissued.ticketId())).findFirst().orElseThrow();
        awaitRevoked(reissued.ticketId());
        // One partition per registration, handled in order: the redelivery was handled before the second correction.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM replaced_tickets WHERE registration_id = ?")
                .param(registration.registrationId()).query(Long.class).single()).isEqualTo(2);
        assertThat(ticketIssuedFor(registration.registrationId())).hasSize(3);
        assertThat(read(text(get("/api/tickets/" + oldId + "?token=" + SAMPLE_TOKEN))).get("replacedBy").asString())
                .isEqualTo(newest);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets WHERE registration_id = ?")
                .param(registration.registrationId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aCorrectionOfACancelledRegistrationIssuesNothing() {
        RegistrationConfirmed registration = confirmed(UUID.randomUUID().toString());
        publish(registration, UUID.randomUUID().toString());
        String ticketId = json.readValue(awaitTicketIssued(registration.registrationId()).value(), TicketIssued.class).ticketId();
        publish(new RegistrationCancelled(registration.registrationId(), registration.eventId(), "ATTENDEE", Instant.now()),
                UUID.randomUUID().toString());
        awaitRevoked(ticketId);

        String correctionEventId = UUID.randomUUID().toString();
        publish(new RegistrationCorrected(registration.registrationId(), registration.eventId(), "Otra Persona", "Otra S.L.",
                null, null, Instant.now()), correctionEventId);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT COUNT(*) FROM processed_events WHERE event_id = ?")
                .param(correctionEventId).query(Long.class).single() == 1);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM replaced_tickets WHERE registration_id = ?")
                .param(registration.registrationId()).query(Long.class).single()).isZero();
        assertThat(read(text(get("/api/tickets/" + ticketId + "?token=" + SAMPLE_TOKEN))).get("status").asString())
                .isEqualTo("REVOKED");
    }

    private ConsumerRecord<String, String> awaitRevoked(String ticketId) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> recordsOn(Topics.TICKET_EVENTS).stream()
                        .filter(r -> ticketId.equals(r.key()) && "TicketRevoked".equals(header(r, EventHeaders.EVENT_TYPE)))
                        .findFirst(),
                Optional::isPresent).orElseThrow();
    }

    @Test
    void anErasureBlanksTheHolderButKeepsTheTicket() {
        RegistrationConfirmed registration = confirmed(UUID.randomUUID().toString());
        publish(registration, UUID.randomUUID().toString());
        String ticketId = json.readValue(awaitTicketIssued(registration.registrationId()).value(), TicketIssued.class).ticketId();

        publish(new AttendeeErased(registration.registrationId(), registration.eventId(), AttendeeErased.REQUEST_BY_ATTENDEE, Instant.now()), UUID.randomUUID().toString());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode ticket = read(text(get("/api/tickets/" + ticketId + "?token=" + SAMPLE_TOKEN)));
            assertThat(ticket.get("holderName").isNull()).isTrue();
            assertThat(ticket.get("organization").isNull()).isTrue();
            assertThat(ticket.get("code").asString()).isNotBlank();
        });
        assertThat(jdbc.sql("SELECT email FROM tickets WHERE ticket_id = ?").param(ticketId).query(String.class).optional())
                .isEmpty();
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicAndUnknownTypesAreSkipped() {
        String notJson = "poison-" + UUID.randomUUID();
        publishRaw(notJson, "RegistrationConfirmed", UUID.randomUUID().toString(), "this is not JSON {");
        String invalid = "invalid-" + UUID.randomUUID();
        publishRaw(invalid, "RegistrationConfirmed", UUID.randomUUID().toString(),
                "{\"registrationId\":\"" + invalid + "\",\"eventId\":\"b2b-industrial-2017\"}");
        String unknownType = "unknown-" + UUID.randomUUID();
        publishRaw(unknownType, "SomethingInvented", UUID.randomUUID().toString(), "not JSON either");

        for (String key : List.of(notJson, invalid)) {
            ConsumerRecord<String, String> dead = await().atMost(Duration.ofSeconds(30)).until(
                    () -> recordsOn(Topics.deadLetter(Topics.REGISTRATION_EVENTS)).stream()
                            .filter(r -> key.equals(r.key())).findFirst(),
                    Optional::isPresent).orElseThrow();
            assertThat(header(dead, EventHeaders.DLT_ERROR)).as(key).isNotBlank();
            assertThat(header(dead, EventHeaders.EVENT_TYPE)).isEqualTo("RegistrationConfirmed");
        }
        assertThat(header(recordsOn(Topics.deadLetter(Topics.REGISTRATION_EVENTS)).stream()
                .filter(r -> invalid.equals(r.key())).findFirst().orElseThrow(), EventHeaders.DLT_ERROR))
                .contains("ticketType is missing");

        // The listener goes on: a valid registration after the poison still gets its ticket.
        RegistrationConfirmed next = confirmed(UUID.randomUUID().toString());
        publish(next, UUID.randomUUID().toString());
        awaitTicketIssued(next.registrationId());
        assertThat(recordsOn(Topics.deadLetter(Topics.REGISTRATION_EVENTS)))
                .noneMatch(r -> unknownType.equals(r.key()));
    }
}
