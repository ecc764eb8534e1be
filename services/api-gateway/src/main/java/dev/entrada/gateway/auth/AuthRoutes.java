package dev.entrada.gateway.auth;

import static org.springframework.web.reactive.function.server.RequestPredicates.DELETE;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.entrada.gateway.problem.ProblemResponses;
import dev.entrada.gateway.ratelimit.EntradaRateLimiter;
import dev.entrada.gateway.ratelimit.RateLimitConfiguration;
import dev.entrada.identity.Caller;
import dev.entrada.identity.Role;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's own endpoints under {@code /api/auth}: sign-in, sign-out, who am I, staff accounts,
 * sessions (devices) and the audit log. Bodies are small JSON objects of known fields only.
 */
@Configuration(proxyBeanMethods = false)
class AuthRoutes {

    record TokenRequest(String username, String password, String device) {
    }

    record AccountRequest(String username, String password, List<String> events, String role) {
    }

    /** A request that cannot be served; becomes a problem. */
    static final class Refused extends RuntimeException {
        final HttpStatus status;

        Refused(HttpStatus status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    static final int MAX_SIGN_IN_BODY = 2048;
    static final int MAX_ACCOUNT_BODY = 16 * 1024;
    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    static final Pattern EVENT_ID = Pattern.compile("\\*|[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    static final int MAX_EVENTS = 200;

    private static final ObjectReader JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build().reader();

    private final AuthService auth;
    private final EntradaRateLimiter limiter;
    private final Clock clock;

    AuthRoutes(AuthService auth, EntradaRateLimiter limiter, Clock clock) {
        this.auth = auth;
        this.limiter = limiter;
        this.clock = clock;
    }

    @Bean
    RouterFunction<ServerResponse> authApi() {
        return route(POST("/api/auth/token"), this::signIn)
                .andRoute(POST("/api/auth/logout"), this::signOut)
                .andRoute(GET("/api/auth/me"), this::me)
                .andRoute(GET("/api/auth/accounts"), this::accounts)
                .andRoute(POST("/api/auth/accounts"), this::createAccount)
                .andRoute(DELETE("/api/auth/accounts/{username}"), this::deleteAccount)
                .andRoute(GET("/api/auth/sessions"), this::sessions)
                .andRoute(DELETE("/api/auth/sessions/{id}"), this::revokeSession)
                .andRoute(GET("/api/auth/audit"), this::audit)
                .filter((request, next) -> {
                    request.exchange().getResponse().getHeaders().setCacheControl(CacheControl.noStore());
                    return Mono.defer(() -> next.handle(request))
                            .onErrorResume(Refused.class, refused -> ProblemResponses.response(refused.status,
                                    refused.getMessage(), request.path()));
                });
    }

    // ---- sign-in and out ----

    private Mono<ServerResponse> signIn(ServerRequest request) {
        String address = RateLimitConfiguration.clientAddress(request.exchange());
        return limiter.isAllowed(EntradaRateLimiter.SIGN_IN, "addr:" + address).flatMap(allowed -> {
            if (!allowed.isAllowed()) {
                return ProblemResponses.response(HttpStatus.TOO_MANY_REQUESTS,
                        "Too many sign-in attempts from this address: try again later.", request.path(),
                        headers -> headers.set(HttpHeaders.RETRY_AFTER, allowed.getHeaders().get("Retry-After")));
            }
            return read(request, TokenRequest.class, MAX_SIGN_IN_BODY).flatMap(body -> signIn(request, body));
        });
    }

    private Mono<ServerResponse> signIn(ServerRequest request, TokenRequest body) {
        String username = text("username", body.username(), 1, 64).toLowerCase(Locale.ROOT);
        String password = text("password", body.password(), 1, 200);
        String device = body.device() == null ? null : text("device", body.device(), 1, 100);
        return auth.signIn(username, password, device).flatMap(result -> {
            if (result instanceof AuthService.SignIn.Success success) {
                Session session = success.session();
                audit(session, request, 200, session.kind().equals(Session.DEVICE) ? "sign-in device" : "sign-in");
                Duration lifetime = Duration.between(session.createdAt(), session.expiresAt());
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("token", success.token());
                answer.put("expiresAt", session.expiresAt().toString());
                answer.put("username", session.username());
                answer.put("role", session.role().name());
                answer.put("events", session.events());
                answer.put("sessionId", session.id());
                return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .cookie(SessionFilter.sessionCookie(request.exchange().getRequest(), success.token(), lifetime))
                        .bodyValue(answer);
            }
            if (result instanceof AuthService.SignIn.Wrong wrong) {
                // unknown user names are not recorded: people type their password into the wrong field
                auditAnonymous(wrong.failuresInARow() > 0 ? username : null, request, 401, "sign-in failed");
                return Mono.delay(auth.failureDelay(wrong.failuresInARow())).then(ProblemResponses.response(
                        HttpStatus.UNAUTHORIZED, "Wrong user name or password.", request.path(),
                        headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer")));
            }
            AuthService.SignIn.Locked locked = (AuthService.SignIn.Locked) result;
            {
                auditAnonymous(username, request, 429, "sign-in refused: account locked");
                long seconds = Math.max(1, (long) Math.ceil(
                        Duration.between(clock.instant(), locked.until()).toMillis() / 1000.0));
                return ProblemResponses.response(HttpStatus.TOO_MANY_REQUESTS,
                        "Too many failed sign-ins: this account is locked for a while. Try again later.",
                        request.path(), headers -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
            }
        });
    }

    private Mono<ServerResponse> signOut(ServerRequest request) {
        Session session = session(request);
        Mono<Boolean> revoked = session == null ? Mono.just(false) : auth.revoke(session.id(), session.username());
        return revoked.flatMap(done -> {
            if (session != null) {
                audit(session, request, 204, "sign-out");
            }
            return ServerResponse.noContent()
                    .cookie(SessionFilter.clearedCookie(request.exchange().getRequest())).build();
        });
    }

    private Mono<ServerResponse> me(ServerRequest request) {
        Session session = require(request, Role.STAFF);
        Map<String, Object> answer = sessionJson(session, session);
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(answer);
    }

    // ---- accounts ----

    private Mono<ServerResponse> accounts(ServerRequest request) {
        require(request, Role.ORGANIZER);
        return auth.accounts().flatMap(accounts -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .bodyValue(accounts.stream().map(this::accountJson).toList()));
    }

    private Mono<ServerResponse> createAccount(ServerRequest request) {
        Session caller = require(request, Role.ORGANIZER);
        return read(request, AccountRequest.class, MAX_ACCOUNT_BODY).flatMap(body -> {
            String username = text("username", body.username(), 3, 64).toLowerCase(Locale.ROOT);
            if (!USERNAME.matcher(username).matches()) {
                throw new Refused(HttpStatus.BAD_REQUEST,
                        "username: 3 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit.");
            }
            String password = text("password", body.password(), AuthProperties.MIN_PASSWORD_LENGTH, 200);
            if (password.getBytes(StandardCharsets.UTF_8).length > AuthProperties.MAX_PASSWORD_BYTES) {
                throw new Refused(HttpStatus.BAD_REQUEST, "password: at most " + AuthProperties.MAX_PASSWORD_BYTES + " bytes.");
            }
            Role role = role(body.role());
            if (role != Role.STAFF && !caller.role().includes(Role.ADMIN)) {
                throw new Refused(HttpStatus.FORBIDDEN, "Only an admin may create " + role + " accounts.");
            }
            List<String> events = events(body.events(), role);
            return auth.createAccount(username, password, role, events, caller.username()).flatMap(created -> {
                if (!created) {
                    return ProblemResponses.response(HttpStatus.CONFLICT, "There is already an account " + username + ".",
                            request.path());
                }
                return auth.account(username).flatMap(account -> ServerResponse
                        .created(URI.create("/api/auth/accounts/" + username))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(accountJson(account.orElseThrow())));
            });
        });
    }

    private Mono<ServerResponse> deleteAccount(ServerRequest request) {
        Session caller = require(request, Role.ORGANIZER);
        String username = request.pathVariable("username").toLowerCase(Locale.ROOT);
        if (username.equals(caller.username())) {
            throw new Refused(HttpStatus.CONFLICT, "You cannot delete your own account.");
        }
        return auth.account(username).flatMap(found -> {
            if (found.isEmpty()) {
                return ProblemResponses.response(HttpStatus.NOT_FOUND, "There is no account " + username + ".", request.path());
            }
            if (found.get().role() != Role.STAFF && !caller.role().includes(Role.ADMIN)) {
                return ProblemResponses.response(HttpStatus.FORBIDDEN,
                        "Only an admin may delete " + found.get().role() + " accounts.", request.path());
            }
            return auth.deleteAccount(username).then(ServerResponse.noContent().build());
        });
    }

    // ---- sessions and audit ----

    private Mono<ServerResponse> sessions(ServerRequest request) {
        Session caller = require(request, Role.ORGANIZER);
        return auth.activeSessions().flatMap(sessions -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .bodyValue(sessions.stream().map(session -> sessionJson(session, caller)).toList()));
    }

    private Mono<ServerResponse> revokeSession(ServerRequest request) {
        Session caller = require(request, Role.STAFF);
        String id = request.pathVariable("id");
        return auth.session(id).flatMap(found -> {
            Optional<Session> target = found.filter(session -> session.revokedAt() == null);
            if (target.isEmpty()) {
                return ProblemResponses.response(HttpStatus.NOT_FOUND, "There is no active session " + abbreviate(id) + ".",
                        request.path());
            }
            boolean own = target.get().username().equals(caller.username());
            if (!own && (!caller.role().includes(Role.ORGANIZER) || !caller.role().includes(target.get().role()))) {
                return ProblemResponses.response(HttpStatus.FORBIDDEN, "You may not end this session.", request.path());
            }
            return auth.revoke(id, caller.username()).flatMap(done -> {
                audit(caller, request, 204, "session revoked: " + target.get().username());
                return ServerResponse.noContent().build();
            });
        });
    }

    private Mono<ServerResponse> audit(ServerRequest request) {
        require(request, Role.ORGANIZER);
        int limit = request.queryParam("limit").map(value -> number("limit", value)).orElse(100L).intValue();
        if (limit < 1 || limit > 500) {
            throw new Refused(HttpStatus.BAD_REQUEST, "limit: 1 to 500.");
        }
        Long before = request.queryParam("before").map(value -> number("before", value)).orElse(null);
        return auth.auditEntries(limit, before).flatMap(entries -> ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON).bodyValue(entries.stream().map(entry -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("id", entry.id());
                    json.put("at", entry.at().toString());
                    json.put("username", entry.username());
                    json.put("role", entry.role());
                    json.put("sessionId", entry.sessionId());
                    json.put("method", entry.method());
                    json.put("path", entry.path());
                    json.put("status", entry.status());
                    json.put("action", entry.action());
                    return json;
                }).toList()));
    }

    // ---- helpers ----

    private static Session session(ServerRequest request) {
        return request.exchange().getAttribute(SessionFilter.SESSION_ATTRIBUTE);
    }

    private static Session require(ServerRequest request, Role role) {
        Session session = session(request);
        if (session == null) {
            throw new Refused(HttpStatus.UNAUTHORIZED, "Sign in first.");
        }
        if (!session.role().includes(role)) {
            throw new Refused(HttpStatus.FORBIDDEN, "This needs the " + role + " role.");
        }
        return session;
    }

    private static <T> Mono<T> read(ServerRequest request, Class<T> type, int maxBytes) {
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), maxBytes)
                .onErrorMap(DataBufferLimitException.class,
                        e -> new Refused(HttpStatus.CONTENT_TOO_LARGE, "The body may have at most " + maxBytes + " bytes."))
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .map(bytes -> {
                    if (bytes.length == 0) {
                        throw new Refused(HttpStatus.BAD_REQUEST, "A JSON body is needed.");
                    }
                    try {
                        T value = JSON.forType(type).readValue(bytes);
                        if (value == null) {
                            throw new Refused(HttpStatus.BAD_REQUEST, "A JSON object is needed.");
                        }
                        return value;
                    } catch (UnrecognizedPropertyException e) {
                        throw new Refused(HttpStatus.BAD_REQUEST, "Unknown field '" + abbreviate(e.getPropertyName()) + "'.");
                    } catch (JacksonException e) {
                        throw new Refused(HttpStatus.BAD_REQUEST, "The body is not the expected JSON object.");
                    }
                });
    }

    private static String text(String field, String value, int min, int max) {
        if (value == null || value.length() < min || value.length() > max) {
            throw new Refused(HttpStatus.BAD_REQUEST, field + ": " + min + " to " + max + " characters.");
        }
        if (CONTROL.matcher(value).find()) {
            throw new Refused(HttpStatus.BAD_REQUEST, field + ": no control characters.");
        }
        return value;
    }

    private static Role role(String value) {
        if (value == null) {
            return Role.STAFF;
        }
        try {
            return Role.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new Refused(HttpStatus.BAD_REQUEST, "role: one of STAFF, ORGANIZER, ADMIN.");
        }
    }

    private static List<String> events(List<String> values, Role role) {
        if (values == null || values.isEmpty()) {
            if (role == Role.STAFF) {
                throw new Refused(HttpStatus.BAD_REQUEST, "events: the event ids this person works at, or [\"*\"] for all.");
            }
            return List.of();
        }
        if (values.size() > MAX_EVENTS) {
            throw new Refused(HttpStatus.BAD_REQUEST, "events: at most " + MAX_EVENTS + ".");
        }
        LinkedHashSet<String> events = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null || !EVENT_ID.matcher(value).matches()) {
                throw new Refused(HttpStatus.BAD_REQUEST, "events: event ids (letters, digits, '.', '_', '-') or \"*\".");
            }
            events.add(value);
        }
        return events.contains(Caller.ALL_EVENTS) ? List.of(Caller.ALL_EVENTS) : new ArrayList<>(events);
    }

    private static long number(String field, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new Refused(HttpStatus.BAD_REQUEST, field + ": a whole number.");
        }
    }

    private Map<String, Object> accountJson(Account account) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("username", account.username());
        json.put("role", account.role().name());
        json.put("events", account.events());
        Instant now = clock.instant();
        json.put("lockedUntil", account.lockedAt(now) ? account.lockedUntil().toString() : null);
        json.put("createdAt", account.createdAt().toString());
        json.put("createdBy", account.createdBy());
        return json;
    }

    private static Map<String, Object> sessionJson(Session session, Session caller) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", session.id());
        json.put("username", session.username());
        json.put("role", session.role().name());
        json.put("events", session.events());
        json.put("kind", session.kind());
        json.put("deviceLabel", session.deviceLabel());
        json.put("createdAt", session.createdAt().toString());
        json.put("lastUsedAt", session.lastUsedAt().toString());
        json.put("expiresAt", session.expiresAt().toString());
        json.put("current", session.id().equals(caller.id()));
        return json;
    }

    private void audit(Session session, ServerRequest request, int status, String action) {
        auth.audit(session.username(), session.role(), session.id(), request.method().name(), request.path(), status, action)
                .subscribe(null, error -> { });
    }

    private void auditAnonymous(String username, ServerRequest request, int status, String action) {
        auth.audit(username, null, null, request.method().name(), request.path(), status, action)
                .subscribe(null, error -> { });
    }

    private static String abbreviate(String value) {
        if (value == null) {
            return "";
        }
        String clean = CONTROL.matcher(value).replaceAll("?");
        return clean.length() > 60 ? clean.substring(0, 60) + "…" : clean;
    }
}
