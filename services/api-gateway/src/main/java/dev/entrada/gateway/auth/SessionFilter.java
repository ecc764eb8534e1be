package dev.entrada.gateway.auth;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.entrada.gateway.problem.ProblemResponses;
import reactor.core.publisher.Mono;

/**
 * Who is asking, for every request (pages, the gateway's own {@code /api/auth} endpoints and proxied
 * routes): the session of the {@code Authorization: Bearer} token, or else of the {@code entrada_session}
 * cookie, put into the exchange as {@link #SESSION_ATTRIBUTE}.
 * <ul>
 *   <li>A Bearer token on {@code /api/**} that is unknown, expired or revoked is a 401 problem here; a stale
 *       cookie only makes the request anonymous (and is cleared).</li>
 *   <li>CSRF: an unsafe method (POST, PUT, PATCH, DELETE) authenticated by the cookie, or to {@code /api/auth/},
 *       with an {@code Origin} other than the gateway's own is a 403 problem; so is a CORS preflight from
 *       another origin (no CORS for other origins).</li>
 *   <li>Audit: a signed-in request to a path that returns personal data is written to the audit log with
 *       its final status (no query string).</li>
 * </ul>
 */
public class SessionFilter implements WebFilter, Ordered {

    public static final String SESSION_ATTRIBUTE = SessionFilter.class.getName() + ".session";
    public static final String COOKIE = "entrada_session";

    private static final Logger log = LoggerFactory.getLogger(SessionFilter.class);
    private static final Set<HttpMethod> UNSAFE = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final AuthService auth;
    private final List<PathPattern> audited;

    public SessionFilter(AuthService auth, List<String> auditedPaths) {
        this.auth = auth;
        this.audited = auditedPaths.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10; // after the security headers
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        boolean api = path.startsWith("/api/");
        String origin = request.getHeaders().getOrigin();
        boolean foreignOrigin = origin != null && !sameOrigin(origin, request);
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        String bearer = bearer(authorization);
        HttpCookie cookie = request.getCookies().getFirst(COOKIE);
        String cookieToken = cookie != null && !cookie.getValue().isEmpty() ? cookie.getValue() : null;

        if (foreignOrigin && request.getMethod() == HttpMethod.OPTIONS) {
            return ProblemResponses.write(exchange, HttpStatus.FORBIDDEN, "Cross-origin requests are not allowed.", h -> {
            });
        }
        if (foreignOrigin && UNSAFE.contains(request.getMethod()) && bearer == null
                && (cookieToken != null || path.startsWith("/api/auth/"))) {
            return ProblemResponses.write(exchange, HttpStatus.FORBIDDEN,
                    "This request comes from another site (Origin " + abbreviate(origin) + "): refused.", h -> {
                    });
        }
        if (api && authorization != null && bearer == null) {
            return unauthorized(exchange, "Only 'Authorization: Bearer <token>' is accepted.");
        }
        if (bearer != null) {
            return auth.resolve(bearer).map(Optional::of).defaultIfEmpty(Optional.empty())
                    .flatMap(session -> session.isPresent() ? proceed(exchange, chain, session.get(), path)
                            : api ? unauthorized(exchange, "The token is unknown, expired or revoked: sign in again.")
                            : chain.filter(exchange));
        }
        if (cookieToken != null) {
            return auth.resolve(cookieToken).map(Optional::of).defaultIfEmpty(Optional.empty())
                    .flatMap(session -> {
                        if (session.isPresent()) {
                            return proceed(exchange, chain, session.get(), path);
                        }
                        exchange.getResponse().addCookie(clearedCookie(request));
                        return chain.filter(exchange);
                    });
        }
        return chain.filter(exchange);
    }

    private Mono<Void> proceed(ServerWebExchange exchange, WebFilterChain chain, Session session, String path) {
        exchange.getAttributes().put(SESSION_ATTRIBUTE, session);
        if (isAudited(path)) {
            ServerHttpResponse response = exchange.getResponse();
            String method = exchange.getRequest().getMethod().name();
            response.beforeCommit(() -> {
                HttpStatusCode status = response.getStatusCode();
                auth.audit(session.username(), session.role(), session.id(), method, path,
                                status != null ? status.value() : 200, null)
                        .subscribe(null, error -> log.warn("Could not write an audit entry: {}", error.toString()));
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }

    boolean isAudited(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return audited.stream().anyMatch(pattern -> pattern.matches(container));
    }

    private static Mono<Void> unauthorized(ServerWebExchange exchange, String detail) {
        return ProblemResponses.write(exchange, HttpStatus.UNAUTHORIZED, detail,
                headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""));
    }

    static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    /** Whether the request came over https (directly, or to a TLS-terminating proxy that says so). */
    public static boolean secure(ServerHttpRequest request) {
        return request.getSslInfo() != null || "https".equalsIgnoreCase(request.getURI().getScheme())
                || "https".equalsIgnoreCase(request.getHeaders().getFirst("X-Forwarded-Proto"));
    }

    /**
     * Whether the Origin names the host the request was sent to (the gateway's own origin as the browser
     * sees it: {@code Host}, or {@code X-Forwarded-Host} behind a proxy).
     */
    static boolean sameOrigin(String origin, ServerHttpRequest request) {
        URI uri;
        try {
            uri = URI.create(origin.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return false; // "null" and other opaque origins
        }
        String forwarded = request.getHeaders().getFirst("X-Forwarded-Host");
        String host = forwarded != null ? forwarded.split(",")[0].strip() : request.getHeaders().getFirst(HttpHeaders.HOST);
        if (host == null) {
            return false;
        }
        return authority(uri.getScheme(), uri.getHost(), uri.getPort()).equals(authority(uri.getScheme(), host));
    }

    private static String authority(String scheme, String host, int port) {
        int defaultPort = "https".equalsIgnoreCase(scheme) ? 443 : 80;
        return host.toLowerCase(Locale.ROOT) + ":" + (port == -1 ? defaultPort : port);
    }

    private static String authority(String scheme, String hostHeader) {
        URI parsed;
        try {
            parsed = URI.create("x://" + hostHeader);
        } catch (IllegalArgumentException e) {
            return "";
        }
        return parsed.getHost() == null ? "" : authority(scheme, parsed.getHost(), parsed.getPort());
    }

    public static ResponseCookie sessionCookie(ServerHttpRequest request, String token, java.time.Duration maxAge) {
        return ResponseCookie.from(COOKIE, token).httpOnly(true).sameSite("Strict").path("/")
                .secure(secure(request)).maxAge(maxAge).build();
    }

    public static ResponseCookie clearedCookie(ServerHttpRequest request) {
        return sessionCookie(request, "", java.time.Duration.ZERO);
    }

    private static String abbreviate(String value) {
        return value.length() > 100 ? value.substring(0, 100) + "…" : value;
    }
}
