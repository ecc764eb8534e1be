package dev.entrada.registration;

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
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every route the service really has (read from Spring MVC, so a new endpoint is in the matrix the
 * day it is written) × {anonymous, attendee of another registration, staff, organiser}: refused
 * exactly when its {@link Access} says so. Also the caller token itself: forged, altered, expired.
 */
class AccessMatrixIT extends ServiceTestSupport {
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    enum Persona { ANONYMOUS, OTHER_ATTENDEE, STAFF, ORGANIZER }

    record Route(RequestMethod method, String pattern, Audience audience, boolean csv) {
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
            boolean csv = entry.getKey().getConsumesCondition().getConsumableMediaTypes().stream()
                    .anyMatch(m -> m.getSubtype().equals("csv"));
            for (String pattern : entry.getKey().getPatternValues()) {
                for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
                    routes.add(new Route(method, pattern, access.value(), csv));
                }
            }
        }
        return routes;
    }

    @Test
    void everyRouteAdmitsExactlyWhoItsAccessRuleNames() {
        String eventId = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
        createEvent(eventId, null, false);
        JsonNode other = register(eventId, attendee(uniqueEmail())).json();
        List<Route> routes = routes();
        assertThat(routes).extracting(Route::audience).contains(Audience.PUBLIC, Audience.LINK, Audience.ORGANIZER);

        for (Route route : routes) {
            for (Persona persona : Persona.values()) {
                String path = fill(route.pattern(), eventId);
                if (persona == Persona.OTHER_ATTENDEE) {
                    path += "?token=" + other.get("accessToken").asString();
                }
                HttpResponse<String> answer = call(route, path, persona);
                String what = route.method() + " " + route.pattern() + " (" + route.audience() + ") as " + persona
                        + " → " + answer.statusCode() + " " + answer.body();
                if (allowed(route.audience(), persona)) {
                    assertThat(answer.statusCode()).as(what).isNotIn(401, 403);
                    if (route.audience() == Audience.LINK) {
                        assertThat(answer.statusCode()).as(what).isNotEqualTo(404);
                    }
                } else if (route.audience() == Audience.LINK) {
                    // a wrong or missing link token looks like an unknown id
                    assertThat(answer.statusCode()).as(what).isEqualTo(404);
                } else {
                    assertThat(answer.statusCode()).as(what).isEqualTo(persona == Persona.STAFF ? 403 : 401);
                    assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/problem+json");
                }
            }
        }
    }

    @Test
    void theAttendeeReachesTheirOwnRegistrationWithItsLinkToken() {
        JsonNode own = register("telecom-night-2017", attendee(uniqueEmail())).json();
        String path = "/api/registrations/" + own.get("registrationId").asString() + "?token=" + own.get("accessToken").asString();

        assertThat(get(path).status()).isEqualTo(200);
    }

    @Test
    void aHandlerWithoutAccessRuleIsRefusedToEveryone() {
        for (Persona persona : Persona.values()) {
            assertThat(call(new Route(RequestMethod.GET, "/error", null, false), "/error", persona).statusCode())
                    .as(persona.name()).isEqualTo(403);
        }
    }

    @Test
    void aForgedAnAlteredOrAnExpiredCallerTokenIs401EvenOnPublicRoutes() {
        String staff = TestCallers.staff("*");
        String organizer = TestCallers.organizer();
        // the organiser's claims under the staff member's signature
        String altered = "e1." + organizer.split("\\.")[1] + "." + staff.split("\\.")[2];
        String flipped = organizer.substring(0, 10) + (organizer.charAt(10) == 'A' ? 'B' : 'A') + organizer.substring(11);
        String expired = TestCallers.token(new Caller("organizer", Role.ORGANIZER, Set.of(), "s"), Instant.now().minus(Duration.ofSeconds(61)));
        String future = TestCallers.token(new Caller("organizer", Role.ORGANIZER, Set.of(), "s"), Instant.now().plus(Duration.ofMinutes(10)));

        for (String token : List.of(TestCallers.forged(), altered, flipped, expired, future, "garbage",
                "e1." + Base64.getUrlEncoder().encodeToString("sub=x&role=ADMIN".getBytes(StandardCharsets.UTF_8)) + ".AAAA")) {
            for (String path : List.of("/api/events", "/api/events/telecom-night-2017/registrations/imports/" + UUID.randomUUID())) {
                HttpResponse<String> answer = exchange("GET", path, null, null, ServiceTokens.HEADER, token);
                assertThat(answer.statusCode()).as(path + " with " + token).isEqualTo(401);
                assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
                assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            }
        }
        assertThat(exchange("GET", "/api/events", null, null, ServiceTokens.HEADER, organizer).statusCode()).isEqualTo(200);
    }

    private static boolean allowed(Audience audience, Persona persona) {
        return switch (audience) {
            case PUBLIC -> true;
            case LINK, ORGANIZER -> persona == Persona.ORGANIZER;
            case STAFF -> persona == Persona.STAFF || persona == Persona.ORGANIZER;
            case ADMIN -> false;
        };
    }

    /** Path variables filled with real ids where the handler needs them: a fresh registration for each call. */
    private String fill(String pattern, String eventId) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "eventId" -> eventId;
                case "registrationId" -> register(eventId, attendee(uniqueEmail())).json().get("registrationId").asString();
                case "jobId" -> UUID.randomUUID().toString();
                default -> fail("The access matrix does not know the path variable {" + m.group(1) + "} of " + pattern
                        + "; teach fill() a real value for it");
            };
            m.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        return m.appendTail(path).toString();
    }

    private HttpResponse<String> call(Route route, String path, Persona persona) {
        String body = null;
        String type = null;
        if (route.csv()) {
            body = "fullName,email,organization,country\n";
            type = "text/csv";
        } else if (route.method() == RequestMethod.POST || route.method() == RequestMethod.PUT || route.method() == RequestMethod.PATCH) {
            body = "{}";
            type = MediaType.APPLICATION_JSON_VALUE;
        }
        return switch (persona) {
            case ANONYMOUS, OTHER_ATTENDEE -> exchange(route.method().name(), path, body, type);
            case STAFF -> exchange(route.method().name(), path, body, type, ServiceTokens.HEADER, TestCallers.staff("*"));
            case ORGANIZER -> exchange(route.method().name(), path, body, type, ServiceTokens.HEADER, TestCallers.organizer());
        };
    }

    private HttpResponse<String> exchange(String method, String path, String body, String contentType, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
