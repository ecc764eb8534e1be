package dev.entrada.checkin;

import dev.entrada.checkin.catalog.CatalogReplica;
import dev.entrada.checkin.key.SigningKeys;
import dev.entrada.checkin.scan.ScanRecord;
import dev.entrada.checkin.scan.ScanRepository;
import dev.entrada.checkin.scan.ScanRequest;
import dev.entrada.checkin.scan.ScanResponse;
import dev.entrada.checkin.scan.ScanService;
import dev.entrada.checkin.ticket.TicketReplica;
import dev.entrada.contracts.ContractFiles;
import dev.entrada.contracts.catalog.EventPublished;
import dev.entrada.contracts.code.Ed25519Keys;
import dev.entrada.contracts.code.TicketCode;
import dev.entrada.contracts.signing.SigningKeyPublished;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.identity.Access;
import dev.entrada.identity.Access.Audience;
import dev.entrada.identity.AccessDenied;
import dev.entrada.identity.Caller;
import dev.entrada.identity.Role;
import dev.entrada.identity.ServiceTokens;
import dev.entrada.micronaut.AccessFilter;
import dev.entrada.local.KafkaBroker;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may call what (issue 8): the access matrix generated from the service's real routes, bad
 * service tokens, event assignment (staff of another event get 403 and nothing is recorded), and
 * random codes that never admit anyone. The replica is seeded through its own beans (the topics are
 * covered by the other ITs); a real broker is still needed for the context.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessIT implements TestPropertyProvider {
    private static final String B2B = "b2b-industrial-2017";
    private static final String OTHER = "telecom-night-2017";
    private static final String KEY_ID = "ACCE";
    private static final KeyPair KEYS = Ed25519Keys.generate();
    private static final KeyPair FORGER = Ed25519Keys.generate();
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private KafkaBroker broker;

    @Inject
    ApplicationContext context;
    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    JsonMapper json;
    @Inject
    Router router;
    @Inject
    ScanService scanService;
    @Inject
    ScanRepository scans;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;

    private UUID b2bTicket;

    @Override
    public Map<String, String> getProperties() {
        broker = KafkaBroker.startForTests();
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("checkin-access-it-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "micronaut.server.port", "-1",
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "checkin.kafka.group-id", "checkin-service-access-it-" + UUID.randomUUID(),
                "datasources.default.url", "jdbc:h2:file:" + dataDir.resolve("db")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }

    @BeforeAll
    void seedTheReplica() throws IOException {
        String sample = ContractFiles.sample("EventPublished");
        EventPublished b2b = json.readValue(sample, EventPublished.class);
        // A second event with the same checkpoint ids: requests name their eventId.
        EventPublished other = json.readValue(sample.replace(B2B, OTHER), EventPublished.class);
        b2bTicket = UUID.randomUUID();
        transactions.executeWrite(status -> {
            context.getBean(SigningKeys.class).apply(new SigningKeyPublished(KEY_ID, "Ed25519",
                    Ed25519Keys.publicKeyText(KEYS.getPublic()), Instant.now()));
            context.getBean(CatalogReplica.class).apply(b2b);
            context.getBean(CatalogReplica.class).apply(other);
            context.getBean(TicketReplica.class).apply(new TicketIssued(b2bTicket.toString(), UUID.randomUUID().toString(), B2B,
                    "COMPANY", "Lucía Fernández Ortega", "Metalúrgica La Mancha S.L.", KEY_ID, null, null, Instant.now()));
            return null;
        });
    }

    @AfterAll
    void stop() {
        context.close();
        broker.close();
    }

    // ---- the access matrix ----------------------------------------------------------------------

    /** Every route the service really has, with a request that its handler accepts (real ids). */
    private Map<String, Supplier<MutableHttpRequest<?>>> requests() {
        return Map.of(
                "POST /api/checkins", () -> HttpRequest.POST("/api/checkins", Map.of("code", "NOT-A-CODE", "checkpointId", "entrance",
                        "eventId", B2B, "deviceId", "matrix", "nonce", UUID.randomUUID().toString())),
                "POST /api/checkins/manual", () -> HttpRequest.POST("/api/checkins/manual", Map.of("ticketId", UUID.randomUUID().toString(),
                        "checkpointId", "b2b-area", "eventId", B2B, "deviceId", "matrix", "nonce", UUID.randomUUID().toString())),
                "POST /api/checkins/sync", () -> HttpRequest.POST("/api/checkins/sync", Map.of("deviceId", "matrix", "scans",
                        List.of(Map.of("code", "NOT-A-CODE", "checkpointId", "entrance", "eventId", B2B,
                                "nonce", UUID.randomUUID().toString(), "scannedAt", Instant.now().toString())))),
                "GET /api/checkins/search", () -> HttpRequest.GET("/api/checkins/search?eventId=" + B2B + "&q=lu"),
                "GET /api/checkins/inside", () -> HttpRequest.GET("/api/checkins/inside?eventId=" + B2B),
                "GET /api/checkins/offline-pack", () -> HttpRequest.GET("/api/checkins/offline-pack?eventId=" + B2B),
                "POST /api/checkins/devices", () -> HttpRequest.POST("/api/checkins/devices", Map.of("deviceId", "matrix",
                        "name", "Matrix", "checkpointId", "entrance", "eventId", B2B)),
                "GET /api/checkins/devices", () -> HttpRequest.GET("/api/checkins/devices?eventId=" + B2B),
                "POST /api/checkins/decode", () -> HttpRequest.POST("/api/checkins/decode", blankPng()).contentType(MediaType.IMAGE_PNG_TYPE));
    }

    /** Routes that are not event-scoped: staff of another event may call them like their own staff. */
    private static final Set<String> NOT_EVENT_SCOPED = Set.of("POST /api/checkins/decode");

    @Test
    void everyRouteDeclaresItsAudienceAndEnforcesItForEveryKindOfCaller() {
        Map<String, Supplier<MutableHttpRequest<?>>> requests = new TreeMap<>(requests());
        Map<String, Audience> declared = new TreeMap<>();
        for (UriRouteInfo<?, ?> route : router.uriRoutes().toList()) {
            if (route.getAnnotationMetadata().hasStereotype(Endpoint.class)) {
                continue; // Micronaut's management endpoints (/health): endpoints.*.sensitive governs them
            }
            String key = route.getHttpMethodName() + " " + route.getUriMatchTemplate().toPathString();
            Access access = AccessFilter.accessOf(route.getAnnotationMetadata());
            assertThat(access).as("@Access on %s", key).isNotNull();
            // Micronaut's compile-time metadata sees the plain-Java annotation exactly as reflection does.
            Method method = route.getTargetMethod().getTargetMethod();
            Access reflected = method.isAnnotationPresent(Access.class) ? method.getAnnotation(Access.class)
                    : method.getDeclaringClass().getAnnotation(Access.class);
            assertThat(access.value()).as("metadata vs reflection on %s", key).isEqualTo(reflected.value());
            declared.put(key, access.value());
        }
        // Micronaut answers HEAD for every GET route, through the same handler and the same rule.
        new ArrayList<>(requests.keySet()).stream().filter(key -> key.startsWith("GET ")).forEach(get -> requests.put(
                "HEAD " + get.substring(4), () -> HttpRequest.HEAD(requests.get(get).get().getUri().toString())));
        assertThat(declared.keySet()).as("a request for every route (add new routes here)").isEqualTo(new TreeMap<>(requests).keySet());
        assertThat(declared).containsEntry("GET /api/checkins/devices", Audience.ORGANIZER).containsEntry("HEAD /api/checkins/devices", Audience.ORGANIZER);
        assertThat(declared).allSatisfy((route, audience) -> assertThat(audience).isIn(Audience.STAFF, Audience.ORGANIZER));

        List<String> wrong = new ArrayList<>();
        Map<String, String> callers = new TreeMap<>(Map.of(
                "anonymous", "",
                "staff", TestCallers.staff(B2B),
                "staff of another event", TestCallers.staff(OTHER),
                "organizer", TestCallers.organizer()));
        declared.forEach((route, audience) -> callers.forEach((who, token) -> {
            MutableHttpRequest<?> request = requests.get(route).get();
            if (!token.isEmpty()) {
                request.header(ServiceTokens.HEADER, token);
            }
            int status = status(request);
            boolean mayPass = switch (who) {
                case "anonymous" -> audience.requiredRole() == null;
                case "staff" -> audience == Audience.STAFF;
                case "staff of another event" -> audience == Audience.STAFF && NOT_EVENT_SCOPED.contains(route);
                default -> true;
            };
            int expectedDenial = who.equals("anonymous") ? 401 : 403;
            if (mayPass ? (status == 401 || status == 403) : status != expectedDenial) {
                wrong.add(route + " as " + who + " (" + audience + "): " + status);
            }
        }));
        assertThat(wrong).isEmpty();
    }

    @Test
    void theHealthEndpointStaysOpenAndUnknownPathsAre404NotDenied() {
        assertThat(status(HttpRequest.GET("/health"))).isEqualTo(200);
        assertThat(status(HttpRequest.GET("/api/checkins/nothing-here"))).isIn(404, 405);
    }

    // ---- bad tokens -------------------------------------------------------------------------------

    @Test
    void aForgedAnAlteredAnExpiredOrAGarbageTokenIs401WithAProblem() {
        Caller organizer = TestCallers.organizerCaller();
        String forged = new ServiceTokens("another-secret-that-is-long-enough-0123456789").mint(organizer, Instant.now());
        String staff = TestCallers.staff(B2B);
        String[] parts = staff.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("role=STAFF", "role=ORGANIZER");
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        String expired = new ServiceTokens(TestCallers.SECRET).mint(organizer, Instant.now().minus(Duration.ofMinutes(2)));

        for (String token : List.of(forged, altered, expired, "Bearer abc", "e1.x.y")) {
            HttpClientResponseException error = exchangeError(HttpRequest.GET("/api/checkins/inside?eventId=" + B2B)
                    .header(ServiceTokens.HEADER, token));
            assertThat(error.getStatus().getCode()).as(token).isEqualTo(401);
            assertThat(error.getResponse().getHeaders().get("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(error.getResponse().getContentType().map(Object::toString)).contains("application/problem+json");
            assertThat(error.getResponse().getBody(Map.class).orElseThrow()).containsEntry("status", 401);
        }
        // The same request with a good token passes: the 401s above are about the tokens.
        assertThat(status(HttpRequest.GET("/api/checkins/inside?eventId=" + B2B).header(ServiceTokens.HEADER, staff))).isEqualTo(200);
    }

    // ---- event assignment -------------------------------------------------------------------------

    @Test
    void staffOfAnotherEventAre403AndNothingIsRecorded() {
        String otherStaff = TestCallers.staff(OTHER);
        String code = TicketCode.sign(b2bTicket, B2B, "COMPANY", KEY_ID, null, null, KEYS.getPrivate());
        String nonce = UUID.randomUUID().toString();

        HttpClientResponseException scan = exchangeError(HttpRequest.POST("/api/checkins", Map.of("code", code,
                "checkpointId", "entrance", "eventId", B2B, "deviceId", "intruder", "nonce", nonce)).header(ServiceTokens.HEADER, otherStaff));
        HttpClientResponseException manual = exchangeError(HttpRequest.POST("/api/checkins/manual", Map.of("ticketId", b2bTicket.toString(),
                "checkpointId", "entrance", "eventId", B2B, "deviceId", "intruder", "nonce", nonce + "-m")).header(ServiceTokens.HEADER, otherStaff));
        // A manual check-in at their own event's door of a ticket of an event they do not work at.
        HttpClientResponseException manualOwnDoor = exchangeError(HttpRequest.POST("/api/checkins/manual", Map.of("ticketId", b2bTicket.toString(),
                "checkpointId", "entrance", "eventId", OTHER, "deviceId", "intruder", "nonce", nonce + "-o")).header(ServiceTokens.HEADER, otherStaff));
        // A batch whose second scan is at an event they do not work at: refused whole, nothing recorded.
        HttpClientResponseException sync = exchangeError(HttpRequest.POST("/api/checkins/sync", Map.of("deviceId", "intruder", "scans", List.of(
                Map.of("code", "NOT-A-CODE", "checkpointId", "entrance", "eventId", OTHER, "nonce", nonce + "-s1", "scannedAt", Instant.now().toString()),
                Map.of("code", code, "checkpointId", "entrance", "eventId", B2B, "nonce", nonce + "-s2", "scannedAt", Instant.now().toString()))))
                .header(ServiceTokens.HEADER, otherStaff));
        HttpClientResponseException device = exchangeError(HttpRequest.POST("/api/checkins/devices", Map.of("deviceId", "intruder",
                "name", "Intruder", "checkpointId", "entrance", "eventId", B2B)).header(ServiceTokens.HEADER, otherStaff));

        for (HttpClientResponseException error : List.of(scan, manual, manualOwnDoor, sync, device)) {
            assertThat(error.getStatus().getCode()).isEqualTo(403);
            assertThat(error.getResponse().getContentType().map(Object::toString)).contains("application/problem+json");
        }
        assertThat(scans.findByDeviceIdAndNonce("intruder", nonce)).isEmpty();
        assertThat(scans.findByDeviceIdAndNonce("intruder", nonce + "-m")).isEmpty();
        assertThat(scans.findByDeviceIdAndNonce("intruder", nonce + "-o")).isEmpty();
        assertThat(scans.findByDeviceIdAndNonce("intruder", nonce + "-s1")).isEmpty();
        assertThat(scans.findByDeviceIdAndNonce("intruder", nonce + "-s2")).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM scans WHERE device_id = 'intruder'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM admissions WHERE ticket_id = '" + b2bTicket + "'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM devices WHERE device_id = 'intruder'")).isZero();
    }

    @Test
    void staffOfAnotherEventCannotReadAScanOfThisEventByReplayingItsNonce() {
        String nonce = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("code", "NOT-A-CODE", "checkpointId", "entrance", "eventId", B2B, "deviceId", "door-x", "nonce", nonce);
        assertThat(status(HttpRequest.POST("/api/checkins", body).header(ServiceTokens.HEADER, TestCallers.staff(B2B)))).isEqualTo(200);

        assertThat(status(HttpRequest.POST("/api/checkins", body).header(ServiceTokens.HEADER, TestCallers.staff(OTHER)))).isEqualTo(403);
    }

    @Test
    void aScanIsRecordedByTheCallersSubjectAndStaffOfAllEventsMayWorkEverywhere() {
        String nonce = UUID.randomUUID().toString();
        Caller everywhere = new Caller("floater", Role.STAFF, Set.of(Caller.ALL_EVENTS), "s-1");
        assertThat(status(HttpRequest.POST("/api/checkins", Map.of("code", "NOT-A-CODE", "checkpointId", "entrance", "eventId", OTHER,
                "deviceId", "door-y", "nonce", nonce)).header(ServiceTokens.HEADER, TestCallers.mint(everywhere)))).isEqualTo(200);

        assertThat(scans.findByDeviceIdAndNonce("door-y", nonce)).get().extracting(ScanRecord::recordedBy).isEqualTo("floater");
    }

    // ---- random codes never admit -----------------------------------------------------------------

    @Test
    void oneHundredThousandRandomCodesThroughTheDecisionPathAndThousandsOverHttpAdmitNobody() throws Exception {
        long admittedBefore = admittedCount();
        Caller staff = TestCallers.staffCaller(B2B);
        int inProcess = 100_000;
        int threads = 4;
        Map<ScanResponse.Verdict, Long> verdicts = new EnumMap<>(ScanResponse.Verdict.class);
        Map<String, Long> reasons = new TreeMap<>();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<ScanResponse>>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int part = t;
                parts.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(part);
                    List<ScanResponse> answers = new ArrayList<>(inProcess / threads);
                    for (int i = 0; i < inProcess / threads; i++) {
                        answers.add(scanService.scan(new ScanRequest(randomCode(random), "entrance", "random-" + part,
                                UUID.randomUUID().toString(), "IN", B2B, null), staff));
                    }
                    return answers;
                }));
            }
            for (Future<List<ScanResponse>> part : parts) {
                for (ScanResponse answer : part.get(30, TimeUnit.MINUTES)) {
                    verdicts.merge(answer.verdict(), 1L, Long::sum);
                    reasons.merge(String.valueOf(answer.reason()), 1L, Long::sum);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("random codes in-process: %,d in %.1f s = %,.0f codes/s (%d threads); verdicts %s, reasons %s%n",
                inProcess, seconds, inProcess / seconds, threads, verdicts, reasons);

        // Every one reached the signature check and failed it: the right shape, the right key and event.
        assertThat(verdicts).isEqualTo(Map.of(ScanResponse.Verdict.REJECTED, (long) inProcess));
        assertThat(reasons).isEqualTo(Map.of("INVALID_SIGNATURE", (long) inProcess));

        int overHttp = 3_000;
        SplittableRandom random = new SplittableRandom(42);
        String token = TestCallers.staff(B2B);
        long httpStarted = System.nanoTime();
        Map<String, Long> httpVerdicts = new TreeMap<>();
        for (int i = 0; i < overHttp; i++) {
            if (i % 1000 == 0) {
                token = TestCallers.staff(B2B); // tokens live 60 s
            }
            Map<String, Object> answer = http.toBlocking().retrieve(HttpRequest.POST("/api/checkins", Map.of("code", randomCode(random),
                    "checkpointId", "entrance", "eventId", B2B, "deviceId", "random-http", "nonce", UUID.randomUUID().toString()))
                    .header(ServiceTokens.HEADER, token), Argument.mapOf(String.class, Object.class));
            httpVerdicts.merge(answer.get("verdict") + "/" + answer.get("reason"), 1L, Long::sum);
        }
        double httpSeconds = (System.nanoTime() - httpStarted) / 1e9;
        System.out.printf("random codes over HTTP: %,d in %.1f s = %,.0f codes/s (one client); %s%n",
                overHttp, httpSeconds, overHttp / httpSeconds, httpVerdicts);

        assertThat(httpVerdicts).isEqualTo(Map.of("REJECTED/INVALID_SIGNATURE", (long) overHttp));
        assertThat(admittedCount()).isEqualTo(admittedBefore);
        assertThat(count("SELECT COUNT(*) FROM scans WHERE device_id LIKE 'random-%' AND verdict <> 'REJECTED'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM scans WHERE device_id LIKE 'random-%'")).isEqualTo(inProcess + overHttp);
    }

    @Test
    void theDecisionPathItselfRefusesACallerOfAnotherEvent() {
        assertThatThrownBy(() -> scanService.scan(new ScanRequest("NOT-A-CODE", "entrance", "random-x", UUID.randomUUID().toString(),
                "IN", B2B, null), TestCallers.staffCaller(OTHER)))
                .isInstanceOfSatisfying(AccessDenied.class, denied -> assertThat(denied.status()).isEqualTo(403));
    }

    /**
     * A code of the right shape for this door — version 1, the published key id, the event's and a
     * ticket type's reference, a random ticket id — whose signature is either made with another key
     * or random base32 characters: it passes every check up to the signature and must fail there.
     */
    private static String randomCode(SplittableRandom random) {
        String forged = TicketCode.sign(new UUID(random.nextLong(), random.nextLong()), B2B, "COMPANY", KEY_ID, null, null,
                FORGER.getPrivate());
        if (random.nextBoolean()) {
            return forged;
        }
        // Bytes 25-88 are the signature: characters 40-141 encode only signature bits (142 holds the last ones and padding).
        char[] chars = forged.toCharArray();
        for (int i = 40; i < 142; i++) {
            chars[i] = BASE32.charAt(random.nextInt(32));
        }
        return new String(chars);
    }

    private long admittedCount() {
        return count("SELECT COUNT(*) FROM admissions") + count("SELECT COUNT(*) FROM scans WHERE verdict = 'ADMITTED'");
    }

    private long count(String sql) {
        return transactions.executeRead(status -> jdbc.prepareStatement(sql, s -> {
            try (ResultSet row = s.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }));
    }

    private int status(MutableHttpRequest<?> request) {
        try {
            HttpResponse<byte[]> response = http.toBlocking().exchange(request, byte[].class);
            return response.code();
        } catch (HttpClientResponseException e) {
            return e.code();
        }
    }

    private HttpClientResponseException exchangeError(MutableHttpRequest<?> request) {
        try {
            HttpResponse<byte[]> response = http.toBlocking().exchange(request, byte[].class);
            throw new AssertionError("expected an error, got " + response.code());
        } catch (HttpClientResponseException e) {
            return e;
        }
    }

    private static byte[] blankPng() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
