package dev.entrada.checkin;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import dev.entrada.checkin.key.SigningKeyRepository;
import dev.entrada.checkin.scan.ScanService;
import dev.entrada.checkin.ticket.TicketRepository;
import dev.entrada.contracts.ContractFiles;
import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.Topics;
import dev.entrada.contracts.code.Ed25519Keys;
import dev.entrada.contracts.code.TicketCode;
import dev.entrada.contracts.registration.AttendeeErased;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.signing.SigningKeyPublished;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.contracts.ticket.TicketRevoked;
import dev.entrada.local.KafkaBroker;
import dev.entrada.outbox.OutboxRelay;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import dev.entrada.identity.Caller;
import dev.entrada.identity.Role;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Entry and exit, session rooms, manual search and check-in, the offline pack and sync, devices and
 * the frame decoder — on H2 against a real Kafka broker, fed through the topics.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoorIT implements TestPropertyProvider {
    private static final String B2B = "b2b-industrial-2017";
    private static final String KEY_ID = "D00A";
    private static final KeyPair KEYS = Ed25519Keys.generate();

    private KafkaBroker broker;
    private KafkaTestClient kafka;

    @Inject
    ApplicationContext context;
    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    JsonMapper json;
    @Inject
    SigningKeyRepository signingKeys;
    @Inject
    TicketRepository tickets;
    @Inject
    OutboxRelay relay;

    @Override
    public Map<String, String> getProperties() {
        broker = KafkaBroker.startForTests();
        kafka = new KafkaTestClient(broker.bootstrapServers());
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("checkin-door-it-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "micronaut.server.port", "-1",
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "checkin.kafka.group-id", "checkin-service-door-it-" + UUID.randomUUID(),
                "datasources.default.url", "jdbc:h2:file:" + dataDir.resolve("db")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }

    @BeforeAll
    void publishKeyAndCatalogue() throws IOException {
        kafka.publish(Topics.SIGNING_KEYS, KEY_ID, "SigningKeyPublished", json.writeValueAsString(
                new SigningKeyPublished(KEY_ID, "Ed25519", Ed25519Keys.publicKeyText(KEYS.getPublic()), Instant.now())));
        kafka.publish(Topics.EVENT_CATALOG, B2B, "EventPublished", ContractFiles.sample("EventPublished"));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> signingKeys.findById(KEY_ID).isPresent()
                && http.toBlocking().exchange(TestCallers.GET("/api/checkins/inside?eventId=" + B2B), Map.class).code() == 200);
    }

    @AfterAll
    void stop() {
        context.close();
        kafka.close();
        broker.close();
    }

    // ---- entry and exit ------------------------------------------------------------------------

    @Test
    void exitThenReentryAdmitsAgainAndInsideNowFollows() throws IOException {
        UUID ticketId = register("Carmen Ruiz", "Aceites Ruiz S.L.", "carmen@example.com", List.of());
        String code = code(ticketId, B2B, "COMPANY");
        long before = insideNow();

        assertThat(scan(code, "entrance", "door-1", "IN")).containsEntry("verdict", "ADMITTED");
        assertThat(insideNow()).isEqualTo(before + 1);
        assertThat(scan(code, "entrance", "door-1", "IN")).containsEntry("verdict", "ALREADY_CHECKED_IN");
        assertThat(scan(code, "b2b-area", "door-2", "OUT")).containsEntry("verdict", "CHECKED_OUT");
        assertThat(insideNow()).isEqualTo(before);
        assertThat(scan(code, "entrance", "door-1", "OUT")).containsEntry("verdict", "NOT_INSIDE");
        assertThat(scan(code, "entrance", "door-3", "IN")).containsEntry("verdict", "ADMITTED");
        assertThat(insideNow()).isEqualTo(before + 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> relay.pendingCount() == 0);
        assertThat(events("AttendeeCheckedIn", ticketId)).extracting(e -> e.get("deviceId")).containsExactly("door-1", "door-3");
        assertThat(events("AttendeeCheckedOut", ticketId)).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("checkpointId", "b2b-area").containsEntry("deviceId", "door-2"));
    }

    @Test
    void theSessionRoomAdmitsOnlyPeopleRegisteredForTheSessionAndCountsItsOwnInside() throws IOException {
        UUID registered = register("Pedro Sánchez Gil", "Universidad de Castilla-La Mancha", "pedro@example.com", List.of("clusterfy"));
        UUID notRegistered = register("Elena Martín", "Cerámicas Martín", "elena@example.com", List.of());

        assertThat(scan(code(registered, B2B, "RESEARCH"), "session-room", "room-1", "IN")).containsEntry("verdict", "ADMITTED");
        Map<String, Object> refused = scan(code(notRegistered, B2B, "COMPANY"), "session-room", "room-1", "IN");

        assertThat(refused).containsEntry("verdict", "REJECTED").containsEntry("reason", "WRONG_CHECKPOINT")
                .containsEntry("ticketId", notRegistered.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> byRoom = (Map<String, Object>) inside().get("byRoom");
        assertThat(((Number) byRoom.get("session-room")).longValue()).isGreaterThanOrEqualTo(1);
    }

    // ---- refusals: every reason, with the code's hash --------------------------------------------

    @Test
    void everyKindOfBadCodeIsRefusedWithItsReasonAndTheHashOfTheText() throws IOException {
        UUID ticketId = UUID.randomUUID();
        String good = code(ticketId, B2B, "COMPANY");
        String forged = TicketCode.sign(ticketId, B2B, "COMPANY", KEY_ID, null, null, Ed25519Keys.generate().getPrivate());
        String unknownKey = TicketCode.sign(ticketId, B2B, "COMPANY", "0FFF", null, null, KEYS.getPrivate());
        Instant now = Instant.now();
        String expired = TicketCode.sign(ticketId, B2B, "COMPANY", KEY_ID, now.minus(Duration.ofHours(5)), now.minus(Duration.ofHours(1)),
                KEYS.getPrivate());
        String otherEvent = code(ticketId, "telecom-night-2017", "GALA");
        int position = 70;
        String tampered = good.substring(0, position) + (good.charAt(position) == 'A' ? 'B' : 'A') + good.substring(position + 1);
        UUID revokedId = issue(UUID.randomUUID().toString(), "Tomás Revocado", "Ex-empresa");
        kafka.publish(Topics.TICKET_EVENTS, revokedId.toString(), "TicketRevoked", json.writeValueAsString(
                new TicketRevoked(revokedId.toString(), B2B, "REGISTRATION_CANCELLED", Instant.now())));
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.findById(revokedId.toString())
                .map(t -> t.status().name().equals("REVOKED")).orElse(false));

        Map<String, String> expected = new HashMap<>();
        expected.put(forged, "INVALID_SIGNATURE");
        expected.put(unknownKey, "UNKNOWN_KEY");
        expected.put(expired, "OUTSIDE_WINDOW");
        expected.put(otherEvent, "WRONG_EVENT");
        expected.put(code(revokedId, B2B, "COMPANY"), "REVOKED");
        String device = "refusals-" + UUID.randomUUID();
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            assertThat(scan(entry.getKey(), "entrance", device, "IN")).containsEntry("verdict", "REJECTED")
                    .containsEntry("reason", entry.getValue());
        }
        assertThat((String) scan(tampered, "entrance", device, "IN").get("reason")).isIn("INVALID_SIGNATURE", "MALFORMED");

        await().atMost(Duration.ofSeconds(30)).until(() -> relay.pendingCount() == 0);
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (ConsumerRecord<String, String> record : kafka.readAll(Topics.CHECKIN_EVENTS)) {
            if ("CheckInRejected".equals(KafkaTestClient.header(record, EventHeaders.EVENT_TYPE))) {
                Map<String, Object> event = json.readValue(record.value(), Map.class);
                if (device.equals(event.get("deviceId"))) {
                    rejected.add(event);
                }
            }
        }
        assertThat(rejected).hasSize(6);
        assertThat(rejected).filteredOn(e -> "UNKNOWN_KEY".equals(e.get("reason"))).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("codeHash", ScanService.codeHash(unknownKey)));
        assertThat(rejected).allSatisfy(e -> assertThat((String) e.get("codeHash")).matches("[0-9a-f]{16}"));
    }

    @Test
    void theSameNonceAgainReturnsTheOriginalVerdictAndEmitsNothingNew() throws IOException {
        UUID ticketId = UUID.randomUUID();
        String code = code(ticketId, B2B, "COMPANY");
        String nonce = UUID.randomUUID().toString();

        Map<String, Object> first = scan(code, "entrance", "replay-door", nonce, "IN");
        Map<String, Object> replayed = scan(code, "entrance", "replay-door", nonce, "IN");
        Map<String, Object> replayedAsExit = scan(code, "entrance", "replay-door", nonce, "OUT");

        assertThat(first).containsEntry("verdict", "ADMITTED");
        assertThat(replayed).isEqualTo(first);
        assertThat(replayedAsExit).isEqualTo(first);
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.pendingCount() == 0);
        assertThat(events("AttendeeCheckedIn", ticketId)).hasSize(1);
    }

    // ---- manual search and check-in ----------------------------------------------------------

    @Test
    void staffFindAPersonByNameOrganisationOrEmailPrefixAndCheckThemInByHand() throws IOException {
        UUID ticketId = register("Lucía Fernández Ortega", "Metalúrgica La Mancha S.L.", "lucia.fernandez@example.com", List.of());

        assertThat(searchTickets("fernan")).contains(ticketId.toString());
        assertThat(searchTickets("Lucía")).contains(ticketId.toString());
        assertThat(searchTickets("metalurgica")).contains(ticketId.toString());
        assertThat(searchTickets("lucia.fer")).contains(ticketId.toString());
        assertThat(searchTickets("ortegaz")).doesNotContain(ticketId.toString());
        assertThat(searchTickets("%%")).doesNotContain(ticketId.toString());

        // Who did it is the signed-in caller; a staffName in the body (older clients) is ignored.
        Map<String, Object> body = Map.of("ticketId", ticketId.toString(), "checkpointId", "entrance", "deviceId", "desk-1",
                "nonce", UUID.randomUUID().toString(), "staffName", "Somebody Else");
        String marta = TestCallers.mint(new Caller("marta.desk", Role.STAFF, Set.of(B2B), "desk-session"));
        Map<String, Object> result = http.toBlocking().retrieve(TestCallers.as(marta, HttpRequest.POST("/api/checkins/manual", body)),
                Argument.mapOf(String.class, Object.class));

        assertThat(result).containsEntry("verdict", "ADMITTED").containsEntry("ticketId", ticketId.toString());
        assertThat(result.get("attendee")).isEqualTo(Map.of("name", "Lucía Fernández Ortega",
                "organization", "Metalúrgica La Mancha S.L.", "ticketType", "COMPANY"));
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.pendingCount() == 0);
        assertThat(events("AttendeeCheckedIn", ticketId)).singleElement().satisfies(e ->
                assertThat(e).containsEntry("method", "MANUAL").containsEntry("recordedBy", "marta.desk"));
        assertThat(search("fernan")).filteredOn(m -> ticketId.toString().equals(m.get("ticketId")))
                .singleElement().satisfies(m -> assertThat(m).containsEntry("inside", true).doesNotContainKey("email"));
    }

    @Test
    void aManualCheckInOfAnUnknownTicketIsNotFoundAndAShortQueryIsRefused() {
        Map<String, Object> body = Map.of("ticketId", UUID.randomUUID().toString(), "checkpointId", "entrance", "deviceId", "desk-1",
                "nonce", UUID.randomUUID().toString());
        Map<String, Object> result = http.toBlocking().retrieve(TestCallers.POST("/api/checkins/manual", body), Argument.mapOf(String.class, Object.class));
        assertThat(result).containsEntry("verdict", "REJECTED").containsEntry("reason", "NOT_FOUND");

        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(TestCallers.GET("/api/checkins/search?eventId=" + B2B + "&q=a"), Argument.of(Map.class), Argument.of(Map.class)));
        assertThat(error.getStatus().getCode()).isEqualTo(400);
        assertThat(error.getResponse().getContentType().map(Object::toString)).contains("application/problem+json");
    }

    @Test
    void anErasedAttendeeIsNoLongerFoundNorNamed() throws IOException {
        String registrationId = UUID.randomUUID().toString();
        UUID ticketId = register(registrationId, "Olvido Borrado", "Privacidad S.A.", "olvido@example.com", List.of());
        assertThat(searchTickets("olvido")).contains(ticketId.toString());

        kafka.publish(Topics.REGISTRATION_EVENTS, registrationId, "AttendeeErased",
                json.writeValueAsString(new AttendeeErased(registrationId, B2B, AttendeeErased.REQUEST_BY_ATTENDEE, Instant.now())));
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.findById(ticketId.toString()).map(t -> t.holderName() == null).orElse(false));

        assertThat(searchTickets("olvido")).doesNotContain(ticketId.toString());
        assertThat(scan(code(ticketId, B2B, "COMPANY"), "entrance", "door-1", "IN")).containsEntry("verdict", "ADMITTED")
                .doesNotContainKey("attendee");
    }

    // ---- offline ------------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void theOfflinePackHasKeysRevocationsCheckpointsAndWhatStaffSee() throws IOException {
        UUID ticketId = register("Diego Paredes", "Delegación de Perú", "diego@example.pe", List.of("clusterfy"));

        Map<String, Object> pack = http.toBlocking().retrieve(TestCallers.GET("/api/checkins/offline-pack?eventId=" + B2B),
                Argument.mapOf(String.class, Object.class));

        assertThat((List<Map<String, Object>>) pack.get("keys")).anySatisfy(k -> assertThat(k)
                .containsEntry("keyId", KEY_ID).containsEntry("publicKey", Ed25519Keys.publicKeyText(KEYS.getPublic())));
        assertThat((List<Map<String, Object>>) pack.get("checkpoints")).extracting(c -> c.get("checkpointId"))
                .contains("entrance", "session-room", "b2b-area");
        assertThat((List<Object>) pack.get("ticketTypes")).contains("COMPANY", "RESEARCH", "DELEGATION");
        assertThat((List<Object>) pack.get("revoked")).isNotNull();
        assertThat((List<Map<String, Object>>) pack.get("tickets")).filteredOn(t -> ticketId.toString().equals(t.get("ticketId")))
                .singleElement().satisfies(t -> assertThat(t).containsEntry("name", "Diego Paredes")
                        .containsEntry("organization", "Delegación de Perú").containsEntry("sessions", List.of("clusterfy"))
                        .doesNotContainKey("email"));

        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(TestCallers.GET("/api/checkins/offline-pack?eventId=no-such-event"), Argument.of(Map.class), Argument.of(Map.class)));
        assertThat(error.getStatus().getCode()).isEqualTo(422);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anOfflineBatchWithAConflictUploadedThreeTimesRecordsEverythingOnce() throws IOException {
        UUID contested = UUID.randomUUID();
        UUID quiet = UUID.randomUUID();
        String contestedCode = code(contested, B2B, "COMPANY");
        // Online door-A admits the ticket; offline door-B, not knowing, admitted it too.
        assertThat(scan(contestedCode, "entrance", "door-A", "IN")).containsEntry("verdict", "ADMITTED");
        Instant deviceTime = Instant.now().minus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> batch = Map.of("deviceId", "door-B", "scans", List.of(
                Map.of("code", contestedCode, "checkpointId", "entrance", "nonce", "b-1", "scannedAt", deviceTime.toString(),
                        "direction", "IN", "offlineVerdict", "ADMITTED"),
                Map.of("code", code(quiet, B2B, "COMPANY"), "checkpointId", "entrance", "nonce", "b-2",
                        "scannedAt", deviceTime.plusSeconds(5).toString(), "offlineVerdict", "ADMITTED"),
                Map.of("code", code(quiet, B2B, "COMPANY"), "checkpointId", "entrance", "nonce", "b-3",
                        "scannedAt", deviceTime.plusSeconds(9).toString(), "offlineVerdict", "ALREADY_CHECKED_IN"),
                Map.of("code", "GARBAGE", "checkpointId", "entrance", "nonce", "b-4",
                        "scannedAt", deviceTime.plusSeconds(12).toString(), "offlineVerdict", "REJECTED")));

        List<Map<String, Object>> uploads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            uploads.add(http.toBlocking().retrieve(TestCallers.POST("/api/checkins/sync", batch), Argument.mapOf(String.class, Object.class)));
        }

        assertThat(uploads).allSatisfy(u -> assertThat(u).isEqualTo(uploads.get(0)));
        List<Map<String, Object>> results = (List<Map<String, Object>>) uploads.get(0).get("results");
        assertThat(results).extracting(r -> r.get("nonce")).containsExactly("b-1", "b-2", "b-3", "b-4");
        assertThat(results.get(0)).containsEntry("verdict", "ALREADY_CHECKED_IN").containsEntry("conflict", true);
        assertThat(results.get(1)).containsEntry("verdict", "ADMITTED").doesNotContainKey("conflict");
        assertThat(results.get(2)).containsEntry("verdict", "ALREADY_CHECKED_IN").doesNotContainKey("conflict");
        assertThat(results.get(3)).containsEntry("verdict", "REJECTED").containsEntry("reason", "MALFORMED");

        await().atMost(Duration.ofSeconds(30)).until(() -> relay.pendingCount() == 0);
        assertThat(events("CheckInConflict", contested)).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("deviceId", "door-B").containsEntry("firstDeviceId", "door-A")
                .containsEntry("scannedAt", deviceTime.toString()));
        assertThat(events("AttendeeCheckedIn", contested)).hasSize(1);
        assertThat(events("AttendeeCheckedIn", quiet)).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("deviceId", "door-B").containsEntry("scannedAt", deviceTime.plusSeconds(5).toString()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void devicesRegisterAndTheirLastContactMovesWithEveryScan() {
        String deviceId = "tablet-" + UUID.randomUUID();
        Map<String, Object> registered = http.toBlocking().retrieve(TestCallers.POST("/api/checkins/devices",
                Map.of("deviceId", deviceId, "name", "Puerta norte", "checkpointId", "entrance")), Argument.mapOf(String.class, Object.class));
        assertThat(registered).containsEntry("eventId", B2B).containsEntry("checkpointId", "entrance").containsEntry("name", "Puerta norte");
        Instant registeredSeen = Instant.parse((String) registered.get("lastSeenAt"));

        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(registeredSeen.plusMillis(5)));
        scan(code(UUID.randomUUID(), B2B, "COMPANY"), "entrance", deviceId, "IN");

        List<Map<String, Object>> devices = http.toBlocking().retrieve(
                TestCallers.as(TestCallers.organizer(), HttpRequest.GET("/api/checkins/devices?eventId=" + B2B)),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertThat(devices).filteredOn(d -> deviceId.equals(d.get("deviceId"))).singleElement()
                .satisfies(d -> assertThat(Instant.parse((String) d.get("lastSeenAt"))).isAfter(registeredSeen));

        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                TestCallers.POST("/api/checkins/devices", Map.of("deviceId", deviceId, "checkpointId", "entrance")),
                Argument.of(Map.class), Argument.of(Map.class)));
        assertThat(error.getStatus().getCode()).isEqualTo(400);
    }

    // ---- camera frames ------------------------------------------------------------------------

    @Test
    void aCameraFrameWithAQrCodeIsDecodedAndOneWithoutIsEmpty() throws Exception {
        // Ticketing never issues a code whose QR does not read back (about 1 in 100 do not, a ZXing
        // limit; it signs again): the door only ever sees readable ones, so the test draws one too.
        String code;
        do {
            code = code(UUID.randomUUID(), B2B, "COMPANY");
        } while (!readsBack(qrPng(code), code));
        byte[] png = qrPng(code);

        Map<String, Object> decoded = http.toBlocking().retrieve(TestCallers.POST("/api/checkins/decode", png)
                .contentType(MediaType.IMAGE_PNG_TYPE), Argument.mapOf(String.class, Object.class));
        Map<String, Object> blank = http.toBlocking().retrieve(TestCallers.POST("/api/checkins/decode", blankPng())
                .contentType(MediaType.IMAGE_PNG_TYPE), Argument.mapOf(String.class, Object.class));

        assertThat(decoded).containsEntry("text", code);
        assertThat(blank).doesNotContainKey("text");

        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                TestCallers.POST("/api/checkins/decode", "not an image".getBytes()).contentType(MediaType.IMAGE_PNG_TYPE),
                Argument.of(Map.class), Argument.of(Map.class)));
        assertThat(error.getStatus().getCode()).isEqualTo(422);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static byte[] qrPng(String text) throws WriterException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MatrixToImageWriter.writeToStream(new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 400, 400,
                Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M)), "PNG", out);
        return out.toByteArray();
    }

    private static boolean readsBack(byte[] png, String text) throws IOException {
        var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        try {
            return text.equals(new com.google.zxing.qrcode.QRCodeReader().decode(new com.google.zxing.BinaryBitmap(
                    new com.google.zxing.common.HybridBinarizer(new com.google.zxing.client.j2se.BufferedImageLuminanceSource(image))),
                    Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText());
        } catch (com.google.zxing.ReaderException e) {
            return false;
        }
    }

    private static byte[] blankPng() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private long insideNow() {
        return ((Number) inside().get("inside")).longValue();
    }

    private Map<String, Object> inside() {
        return http.toBlocking().retrieve(TestCallers.GET("/api/checkins/inside?eventId=" + B2B), Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> search(String q) {
        URI uri = UriBuilder.of("/api/checkins/search").queryParam("eventId", B2B).queryParam("q", q).build();
        Map<String, Object> body = http.toBlocking().retrieve(TestCallers.GET(uri), Argument.mapOf(String.class, Object.class));
        Object matches = body.get("matches");
        return matches == null ? List.of() : (List<Map<String, Object>>) matches;
    }

    private List<String> searchTickets(String q) {
        return search(q).stream().map(m -> (String) m.get("ticketId")).toList();
    }

    private UUID register(String name, String organization, String email, List<String> sessions) throws IOException {
        return register(UUID.randomUUID().toString(), name, organization, email, sessions);
    }

    /** A confirmed registration and its ticket, through the topics, as registration and ticketing publish them. */
    private UUID register(String registrationId, String name, String organization, String email, List<String> sessions) throws IOException {
        kafka.publish(Topics.REGISTRATION_EVENTS, registrationId, "RegistrationConfirmed", json.writeValueAsString(new RegistrationConfirmed(
                registrationId, B2B, "COMPANY", name, email, organization, "COMPANY", null, "ES", "es", sessions, "00", Instant.now())));
        UUID ticketId = issue(registrationId, name, organization);
        // The two topics are not ordered with each other: wait until the search joins them.
        String word = name.split(" ")[0];
        await().atMost(Duration.ofSeconds(30)).until(() -> searchTickets(word).contains(ticketId.toString()));
        return ticketId;
    }

    private UUID issue(String registrationId, String name, String organization) throws IOException {
        UUID ticketId = UUID.randomUUID();
        kafka.publish(Topics.TICKET_EVENTS, ticketId.toString(), "TicketIssued", json.writeValueAsString(new TicketIssued(
                ticketId.toString(), registrationId, B2B, "COMPANY", name, organization, KEY_ID, null, null, Instant.now())));
        await().atMost(Duration.ofSeconds(30)).until(() -> tickets.findById(ticketId.toString()).isPresent());
        return ticketId;
    }

    private static String code(UUID ticketId, String eventId, String ticketType) {
        return TicketCode.sign(ticketId, eventId, ticketType, KEY_ID, null, null, KEYS.getPrivate());
    }

    private Map<String, Object> scan(String code, String checkpointId, String deviceId, String direction) {
        return scan(code, checkpointId, deviceId, UUID.randomUUID().toString(), direction);
    }

    private Map<String, Object> scan(String code, String checkpointId, String deviceId, String nonce, String direction) {
        Map<String, String> body = Map.of("code", code, "checkpointId", checkpointId, "deviceId", deviceId, "nonce", nonce,
                "direction", direction);
        return http.toBlocking().retrieve(TestCallers.POST("/api/checkins", body), Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> events(String type, UUID ticketId) throws IOException {
        List<Map<String, Object>> events = new ArrayList<>();
        for (ConsumerRecord<String, String> record : kafka.readAll(Topics.CHECKIN_EVENTS)) {
            if (type.equals(KafkaTestClient.header(record, EventHeaders.EVENT_TYPE)) && ticketId.toString().equals(record.key())) {
                events.add(json.readValue(record.value(), Map.class));
            }
        }
        return events;
    }
}
