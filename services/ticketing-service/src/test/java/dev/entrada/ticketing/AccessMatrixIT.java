package dev.entrada.ticketing;

import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.identity.Access;
import dev.entrada.identity.Access.Audience;
import dev.entrada.identity.Caller;
import dev.entrada.identity.Role;
import dev.entrada.identity.ServiceTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every route the service really has (read from Spring MVC) × {anonymous, attendee of another
 * registration, staff, organiser}: refused exactly when its {@link Access} says so. Also the caller
 * token itself (forged, altered, expired) and the body limit.
 */
class AccessMatrixIT extends TicketingServiceTestSupport {
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;
    @Autowired
    Environment environment;

    enum Persona { ANONYMOUS, OTHER_ATTENDEE, STAFF, ORGANIZER }

    record Route(RequestMethod method, String pattern, Audience audience) {
    }

    private List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            if (handler.getBeanType() == BasicErrorController.class) {
                continue; // Spring's error page: no @Access, so refused when called directly (see below)
            }
            Access access = handler.getMethodAnnotation(Access.class);
            if (access == null) {
                access = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), Access.class);
            }
            assertThat(access).as("@Access on " + handler).isNotNull();
            for (String pattern : entry.getKey().getPatternValues()) {
                for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
                    routes.add(new Route(method, pattern, access.value()));
                }
            }
        }
        return routes;
    }

    /** Issues a ticket for a new registration whose link token is {@code token}; answers the ticket id. */
    private String ticket(String token) {
        String registrationId = UUID.randomUUID().toString();
        RegistrationConfirmed sample = confirmed(registrationId);
        publish(new RegistrationConfirmed(registrationId, sample.eventId(), sample.ticketType(), sample.fullName(), sample.email(),
                sample.organization(), sample.organizationKind(), sample.jobTitle(), sample.country(), sample.locale(),
                sample.sessions(), sha256Hex(token), sample.occurredAt()), UUID.randomUUID().toString());
        return json.readValue(awaitTicketIssued(registrationId).value(), TicketIssued.class).ticketId();
    }

    @Test
    void everyRouteAdmitsExactlyWhoItsAccessRuleNames() {
        String ticketId = ticket(SAMPLE_TOKEN);
        String otherToken = "another-attendee-" + UUID.randomUUID();
        ticket(otherToken);
        List<Route> routes = routes();
        assertThat(routes).extracting(Route::audience).contains(Audience.PUBLIC, Audience.LINK, Audience.ORGANIZER);

        for (Route route : routes) {
            for (Persona persona : Persona.values()) {
                String path = fill(route.pattern(), ticketId);
                if (persona == Persona.OTHER_ATTENDEE) {
                    path += "?token=" + otherToken;
                }
                HttpResponse<String> answer = call(route.method().name(), path, persona);
                String what = route.method() + " " + route.pattern() + " (" + route.audience() + ") as " + persona
                        + " → " + answer.statusCode() + " " + answer.body();
                if (allowed(route.audience(), persona)) {
                    assertThat(answer.statusCode()).as(what).isNotIn(401, 403);
                    if (route.audience() == Audience.LINK) {
                        assertThat(answer.statusCode()).as(what).isNotEqualTo(404);
                    }
                } else if (route.audience() == Audience.LINK) {
                    // a wrong or missing link token looks like an unknown ticket
                    assertThat(answer.statusCode()).as(what).isEqualTo(404);
                } else {
                    assertThat(answer.statusCode()).as(what).isEqualTo(persona == Persona.STAFF ? 403 : 401);
                    assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/problem+json");
                }
            }
        }
        assertThat(call("GET", "/api/tickets/" + ticketId + "?token=" + SAMPLE_TOKEN, Persona.ANONYMOUS).statusCode())
                .as("the attendee with their own link").isEqualTo(200);
    }

    @Test
    void aHandlerWithoutAccessRuleIsRefusedToEveryone() {
        for (Persona persona : Persona.values()) {
            assertThat(call("GET", "/error", persona).statusCode()).as(persona.name()).isEqualTo(403);
        }
    }

    @Test
    void aForgedAnAlteredOrAnExpiredCallerTokenIs401EvenOnPublicRoutes() {
        String staff = TestCallers.staff("*");
        String organizer = TestCallers.organizer();
        // the organiser's claims under the staff member's signature
        String altered = "e1." + organizer.split("\\.")[1] + "." + staff.split("\\.")[2];
        String expired = TestCallers.token(new Caller("organizer", Role.ORGANIZER, Set.of(), "s"), Instant.now().minus(Duration.ofSeconds(61)));

        for (String token : List.of(TestCallers.forged(), altered, expired, "garbage")) {
            for (String path : List.of("/api/tickets/keys", "/api/mails")) {
                HttpResponse<String> answer = exchange("GET", path, null, ServiceTokens.HEADER, token);
                assertThat(answer.statusCode()).as(path + " with " + token).isEqualTo(401);
                assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
                assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            }
        }
        assertThat(exchange("GET", "/api/mails", null, ServiceTokens.HEADER, organizer).statusCode()).isEqualTo(200);
    }

    @Test
    void noEndpointTakesARequestBodySoALargeOneIsRefusedUnread() {
        int keysBefore = read(text(get("/api/tickets/keys"))).size();
        byte[] large = "x".repeat(2048).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> declared = exchange("POST", "/api/tickets/keys", HttpRequest.BodyPublishers.ofByteArray(large),
                ServiceTokens.HEADER, TestCallers.organizer());
        HttpResponse<String> chunked = exchange("POST", "/api/tickets/keys",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)), ServiceTokens.HEADER, TestCallers.organizer());

        for (HttpResponse<String> answer : List.of(declared, chunked)) {
            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        assertThat(read(text(get("/api/tickets/keys"))).size()).as("no key was rotated").isEqualTo(keysBefore);
    }

    private static boolean allowed(Audience audience, Persona persona) {
        return switch (audience) {
            case PUBLIC -> true;
            case LINK, ORGANIZER -> persona == Persona.ORGANIZER;
            case STAFF -> persona == Persona.STAFF || persona == Persona.ORGANIZER;
            case ADMIN -> false;
        };
    }

    private static String fill(String pattern, String ticketId) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "ticketId" -> ticketId;
                case "keyId" -> "ABCD"; // unknown: an organiser's call must not retire a real key
                case "id" -> "1";
                default -> fail("The access matrix does not know the path variable {" + m.group(1) + "} of " + pattern
                        + "; teach fill() a real value for it");
            };
            m.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        return m.appendTail(path).toString();
    }

    private HttpResponse<String> call(String method, String path, Persona persona) {
        return switch (persona) {
            case ANONYMOUS, OTHER_ATTENDEE -> exchange(method, path, null);
            case STAFF -> exchange(method, path, null, ServiceTokens.HEADER, TestCallers.staff("*"));
            case ORGANIZER -> exchange(method, path, null, ServiceTokens.HEADER, TestCallers.organizer());
        };
    }

    private HttpResponse<String> exchange(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path))
                .timeout(Duration.ofSeconds(30)).method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
