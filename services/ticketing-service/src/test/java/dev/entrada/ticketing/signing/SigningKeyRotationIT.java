package dev.entrada.ticketing.signing;

import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.Topics;
import dev.entrada.contracts.code.Ed25519Keys;
import dev.entrada.contracts.code.TicketCode;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.signing.SigningKeyPublished;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.ticketing.TestCallers;
import dev.entrada.ticketing.TicketingServiceTestSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Starts with a configured key (production style), then rotates and retires through the organiser API. */
@TestPropertySource(properties = {
        "entrada.signing.key=" + SigningKeyRotationIT.CONFIGURED_PRIVATE,
        "entrada.signing.key-id=c0de"})
class SigningKeyRotationIT extends TicketingServiceTestSupport {
    /** A test-only Ed25519 key pair (PKCS#8 / X.509, base64). */
    static final String CONFIGURED_PRIVATE = "MC4CAQAwBQYDK2VwBCIEICD4TQxY2/IPPJyTH/OlGW5JXn+MHO3IPCesMg2ufgok";
    static final String CONFIGURED_PUBLIC = "MCowBQYDK2VwAyEAKlMB3F0IOZjHcwQyItjhHG2Z2lUzU3vbe6t2nG+5OCI=";

    @Test
    void theConfiguredKeySignsUntilARotationAndItsCodesStopCountingOnceRetired() throws Exception {
        assertThat(keys()).anySatisfy(k -> {
            assertThat(k.get("keyId").asString()).isEqualTo("C0DE");
            assertThat(k.get("algorithm").asString()).isEqualTo("Ed25519");
            assertThat(k.get("publicKey").asString()).isEqualTo(CONFIGURED_PUBLIC);
            assertThat(k.get("active").asBoolean()).isTrue();
        });
        assertThat(keys().toString()).doesNotContainIgnoringCase("private");
        SigningKeyPublished published = json.readValue(awaitKeyRecord("C0DE", "SigningKeyPublished").value(), SigningKeyPublished.class);
        assertThat(published.publicKey()).isEqualTo(CONFIGURED_PUBLIC);

        String before = issueAndGetCode();
        TicketCode.Parsed beforeParsed = TicketCode.parse(before);
        assertThat(beforeParsed.claims().keyIdText()).isEqualTo("C0DE");
        assertThat(beforeParsed.isSignedBy(Ed25519Keys.publicKey(CONFIGURED_PUBLIC))).isTrue();

        HttpResponse<byte[]> rotated = send("POST", "/api/tickets/keys", TestCallers.organizer());
        assertThat(rotated.statusCode()).isEqualTo(201);
        JsonNode newKey = read(text(rotated));
        String newKeyId = newKey.get("keyId").asString();
        assertThat(newKeyId).matches("[0-9A-F]{4}").isNotEqualTo("C0DE");
        assertThat(newKey.get("active").asBoolean()).isTrue();
        awaitKeyRecord(newKeyId, "SigningKeyPublished");

        String after = issueAndGetCode();
        TicketCode.Parsed afterParsed = TicketCode.parse(after);
        assertThat(afterParsed.claims().keyIdText()).isEqualTo(newKeyId);
        assertThat(afterParsed.isSignedBy(Ed25519Keys.publicKey(newKey.get("publicKey").asString()))).isTrue();
        assertThat(afterParsed.isSignedBy(Ed25519Keys.publicKey(CONFIGURED_PUBLIC))).isFalse();
        // Both keys are active: tickets signed before the rotation stay valid.
        assertThat(keys()).filteredOn(k -> k.get("active").asBoolean()).hasSize(2);

        HttpResponse<byte[]> retired = send("DELETE", "/api/tickets/keys/C0DE", TestCallers.organizer());
        assertThat(retired.statusCode()).isEqualTo(200);
        assertThat(read(text(retired)).get("active").asBoolean()).isFalse();
        ConsumerRecord<String, String> retiredRecord = awaitKeyRecord("C0DE", "SigningKeyRetired");
        assertMatchesSchema("SigningKeyRetired", retiredRecord.value());
        assertThat(keys()).anySatisfy(k -> {
            assertThat(k.get("keyId").asString()).isEqualTo("C0DE");
            assertThat(k.get("active").asBoolean()).isFalse();
        });
        // Retiring again changes nothing and emits nothing more.
        assertThat(send("DELETE", "/api/tickets/keys/c0de", TestCallers.organizer()).statusCode()).isEqualTo(200);
        assertThat(TicketCode.parse(issueAndGetCode()).claims().keyIdText()).isEqualTo(newKeyId);
        assertThat(recordsOn(Topics.SIGNING_KEYS).stream()
                .filter(r -> "C0DE".equals(r.key()) && "SigningKeyRetired".equals(header(r, EventHeaders.EVENT_TYPE)))).hasSize(1);

        HttpResponse<byte[]> last = send("DELETE", "/api/tickets/keys/" + newKeyId, TestCallers.organizer());
        assertThat(last.statusCode()).isEqualTo(409);
        assertThat(read(text(last)).get("type").asString()).isEqualTo("https://entrada.dev/problems/last-signing-key");
    }

    @Test
    void onlyTheOrganiserMayRotateOrRetireAndBadKeyIdsAreNamed() {
        for (HttpResponse<byte[]> response : List.of(
                send("POST", "/api/tickets/keys", null),
                send("POST", "/api/tickets/keys", "wrong-token"),
                send("DELETE", "/api/tickets/keys/C0DE", null),
                send("DELETE", "/api/tickets/keys/C0DE", TestCallers.forged()))) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        }
        HttpResponse<byte[]> staff = send("POST", "/api/tickets/keys", TestCallers.staff("*"));
        assertThat(staff.statusCode()).isEqualTo(403);
        assertThat(staff.headers().firstValue("Content-Type")).contains("application/problem+json");
        HttpResponse<byte[]> badId = send("DELETE", "/api/tickets/keys/XYZ1", TestCallers.organizer());
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(read(text(badId)).get("errors").get(0).get("field").asString()).isEqualTo("keyId");
        HttpResponse<byte[]> unknown = send("DELETE", "/api/tickets/keys/ABCD", TestCallers.organizer());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(keys()).extracting(k -> k.get("keyId").asString()).contains("C0DE");
    }

    private List<JsonNode> keys() {
        HttpResponse<byte[]> response = get("/api/tickets/keys");
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> keys = new ArrayList<>();
        read(text(response)).forEach(keys::add);
        return keys;
    }

    private String issueAndGetCode() {
        RegistrationConfirmed registration = confirmed(UUID.randomUUID().toString());
        publish(registration, UUID.randomUUID().toString());
        String ticketId = json.readValue(awaitTicketIssued(registration.registrationId()).value(), TicketIssued.class).ticketId();
        return read(text(get("/api/tickets/" + ticketId + "?token=" + SAMPLE_TOKEN))).get("code").asString();
    }

    private ConsumerRecord<String, String> awaitKeyRecord(String keyId, String type) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> recordsOn(Topics.SIGNING_KEYS).stream()
                        .filter(r -> keyId.equals(r.key()) && type.equals(header(r, EventHeaders.EVENT_TYPE)))
                        .findFirst(),
                Optional::isPresent).orElseThrow();
    }
}
