package dev.entrada.micronaut;

import dev.entrada.identity.AccessDenied;
import io.micronaut.http.HttpResponse;

/** How a service answers a caller {@link AccessFilter} refuses: in its own problem+json, 401 or 403. */
public interface AccessDeniedResponses {

    HttpResponse<?> refuse(AccessDenied denied);
}
