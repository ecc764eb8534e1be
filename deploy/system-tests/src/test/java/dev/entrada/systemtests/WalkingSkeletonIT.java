package dev.entrada.systemtests;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.entrada.local.Stack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system, started the way the launcher starts it (a real Kafka broker and every service
 * jar as its own JVM, H2 files in a fresh folder), walked through the gateway only: register → the
 * ticket appears → its QR decodes to the code → scan admitted → scan again already checked in →
 * forged code rejected → the organiser's numbers move.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonIT {
    private static final String EVENT = "b2b-industrial-2017";
    private static final Duration ASYNC = Duration.ofSeconds(60);

    private static Stack stack;
    private static Gateway gateway;
    private static Gateway staff;
    private static Gateway organizer;

    private static String registrationId;
    private static String accessToken;
    private static String ticketId;
    private static String code;
    private static JsonNode firstScan;

    @BeforeAll
    static void startTheStack() throws Exception {
        Path root = Path.of(System.getProperty("entrada.root", "../..")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("entrada-system-");
        Instant began = Instant.now();
        stack = Stack.start(Stack.Config.freePorts(root, data), line -> System.out.println("[stack] " + line));
        System.out.printf("[stack] all healthy after %d ms; RSS %s%n", Duration.between(began, Instant.now()).toMillis(), Footprint.rss(stack.pids()));
        gateway = new Gateway(stack.gatewayUrl());
        staff = Gateway.staff(stack);
        organizer = Gateway.organizer(stack);
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void theSeedEventsAreOpenForRegistration() {
        Gateway.Response events = gateway.get("/api/events");

        assertThat(events.status()).isEqualTo(200);
        assertThat(events.body().findValuesAsString("id")).contains("telecom-night-2017", EVENT);
        Gateway.Response b2b = gateway.get("/api/events/" + EVENT);
        assertThat(b2b.body().get("city").asString()).isEqualTo("Tomelloso");
        assertThat(b2b.body().get("capacity").asInt()).isEqualTo(310);
        assertThat(b2b.body().get("checkpoints").findValuesAsString("id")).contains("entrance", "session-room", "b2b-area");
    }

    @Test
    @Order(2)
    void badInputGetsAProblemNamingTheFieldAndWritesNothing() {
        Gateway.Response malformed = gateway.postRaw("/api/events/" + EVENT + "/registrations", "{\"fullName\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");

        Map<String, Object> noName = registration("nobody@example.com");
        noName.remove("fullName");
        Gateway.Response missing = gateway.post("/api/events/" + EVENT + "/registrations", noName);
        assertThat(missing.status()).isBetween(400, 422);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.body().get("errors").findValuesAsString("field")).contains("fullName");

        Gateway.Response unknownEvent = gateway.post("/api/events/no-such-event/registrations", registration("x@example.com"));
        assertThat(unknownEvent.status()).isEqualTo(404);

        assertThat(gateway.get("/api/events/" + EVENT).body().get("confirmed").asInt()).isZero();
    }

    @Test
    @Order(3)
    void registeringGivesATicketWhoseQrCarriesExactlyItsCode() throws Exception {
        Gateway.Response registered = gateway.post("/api/events/" + EVENT + "/registrations", registration("lucia@example.com"));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.body().get("status").asString()).isEqualTo("CONFIRMED");
        registrationId = registered.body().get("registrationId").asString();
        accessToken = registered.body().get("accessToken").asString();

        await().atMost(ASYNC).untilAsserted(() -> {
            JsonNode registration = gateway.get("/api/registrations/" + registrationId + "?token=" + accessToken).body();
            assertThat(registration.get("ticketId").isNull()).isFalse();
            ticketId = registration.get("ticketId").asString();
        });

        Gateway.Response ticket = gateway.get("/api/tickets/" + ticketId + "?token=" + accessToken);
        assertThat(ticket.status()).isEqualTo(200);
        assertThat(ticket.body().get("holderName").asString()).isEqualTo("Lucía Fernández Ortega");
        assertThat(ticket.body().get("eventId").asString()).isEqualTo(EVENT);
        code = ticket.body().get("code").asString();
        assertThat(code).doesNotContainIgnoringCase("Lucía").doesNotContainIgnoringCase("lucia");

        var image = ImageIO.read(new ByteArrayInputStream(gateway.getBytes("/api/tickets/" + ticketId + "/qr.png?token=" + accessToken)));
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)))).getText();
        assertThat(decoded).isEqualTo(code);

        assertThat(gateway.get("/api/tickets/" + ticketId + "?token=wrong").status()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void theFirstScanAdmitsAndTheSecondSaysWhenTheFirstWas() {
        assertThat(gateway.post("/api/checkins", scan(code, "entrance")).status()).as("scanning needs staff sign-in").isEqualTo(401);
        // The check-in replica learns checkpoints from event-catalog; until it has, the checkpoint is unknown (422).
        await().atMost(ASYNC).untilAsserted(() -> {
            Gateway.Response scan = staff.post("/api/checkins", scan(code, "entrance"));
            assertThat(scan.status()).isEqualTo(200);
            firstScan = scan.body();
        });
        assertThat(firstScan.get("verdict").asString()).isEqualTo("ADMITTED");
        assertThat(firstScan.get("attendee").get("name").asString()).isEqualTo("Lucía Fernández Ortega");

        Gateway.Response again = staff.post("/api/checkins", scan(code, "b2b-area"));
        assertThat(again.body().get("verdict").asString()).isEqualTo("ALREADY_CHECKED_IN");
        JsonNode first = again.body().get("firstCheckIn");
        assertThat(first.get("checkpointId").asString()).isEqualTo("entrance");
        assertThat(Instant.parse(first.get("at").asString())).isBetween(Instant.now().minusSeconds(300), Instant.now());
    }

    @Test
    @Order(5)
    void aForgedOrGarbageCodeIsRejected() {
        int middle = code.length() / 2;
        String forged = code.substring(0, middle) + (code.charAt(middle) == 'A' ? 'B' : 'A') + code.substring(middle + 1);

        Gateway.Response forgedScan = staff.post("/api/checkins", scan(forged, "entrance"));
        assertThat(forgedScan.status()).isEqualTo(200);
        assertThat(forgedScan.body().get("verdict").asString()).isEqualTo("REJECTED");

        Gateway.Response garbage = staff.post("/api/checkins", scan("not a ticket", "entrance"));
        assertThat(garbage.body().get("verdict").asString()).isEqualTo("REJECTED");
        assertThat(garbage.body().get("reason").asString()).isEqualTo("MALFORMED");
    }

    @Test
    @Order(6)
    void theOrganiserSeesOneRegisteredAndOneCheckedIn() {
        assertThat(staff.get("/api/reports/events/" + EVENT + "/attendance").status()).as("staff do not see reports").isEqualTo(403);
        await().atMost(ASYNC).untilAsserted(() -> {
            Gateway.Response attendance = organizer.get("/api/reports/events/" + EVENT + "/attendance");
            assertThat(attendance.status()).isEqualTo(200);
            assertThat(attendance.body().get("registered").asInt()).isEqualTo(1);
            assertThat(attendance.body().get("checkedIn").asInt()).isEqualTo(1);
            assertThat(attendance.body().get("rejected").get("total").asInt()).isEqualTo(2);
        });
    }

    private static Map<String, Object> registration(String email) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fullName", "Lucía Fernández Ortega");
        body.put("email", email);
        body.put("organization", "Metalúrgica La Mancha S.L.");
        body.put("organizationKind", "COMPANY");
        body.put("country", "ES");
        body.put("ticketType", "COMPANY");
        body.put("locale", "es");
        body.put("consent", true);
        return body;
    }

    private static Map<String, Object> scan(String code, String checkpointId) {
        return Map.of("code", code, "checkpointId", checkpointId, "deviceId", "door-1-phone", "nonce", UUID.randomUUID().toString());
    }
}
