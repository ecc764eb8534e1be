package dev.entrada.micronaut;

import dev.entrada.identity.Access;
import dev.entrada.identity.AccessDenied;
import dev.entrada.identity.AccessRules;
import dev.entrada.identity.Caller;
import dev.entrada.identity.ServiceTokens;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;

import java.time.Instant;
import java.util.Optional;

/**
 * Before any handler runs: verifies {@code X-Entrada-Caller} (absent: anonymous; bad or expired: 401),
 * reads the matched route's {@link Access} (method first, then controller) from Micronaut's
 * compile-time annotation metadata and applies {@link AccessRules#check}. A route without
 * {@code @Access} is refused to everyone. Micronaut's own management endpoints ({@code /health}) are
 * governed by {@code endpoints.*.sensitive}; requests that match no route fall through to the 404.
 * The verified caller is left in the request attribute {@link Callers#ATTRIBUTE}; a refusal is answered by
 * the service's {@link AccessDeniedResponses}.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class AccessFilter {
    private final ServiceTokens tokens;
    private final AccessDeniedResponses refusals;

    public AccessFilter(ServiceTokens tokens, AccessDeniedResponses refusals) {
        this.tokens = tokens;
        this.refusals = refusals;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
        if (route.isEmpty() || route.get().getAnnotationMetadata().hasStereotype(Endpoint.class)) {
            return null;
        }
        try {
            Caller caller = tokens.verify(request.getHeaders().get(ServiceTokens.HEADER), Instant.now());
            if (caller != null) {
                request.setAttribute(Callers.ATTRIBUTE, caller);
            }
            AccessRules.check(accessOf(route.get().getAnnotationMetadata()), caller);
            return null;
        } catch (AccessDenied denied) {
            return refusals.refuse(denied);
        }
    }

    /** The route's declaration (the method's wins over the controller's), or {@code null}. */
    public static @Nullable Access accessOf(AnnotationMetadata metadata) {
        return metadata.synthesize(Access.class);
    }
}
