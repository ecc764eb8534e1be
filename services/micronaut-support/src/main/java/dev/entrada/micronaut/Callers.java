package dev.entrada.micronaut;

import dev.entrada.identity.Caller;
import io.micronaut.http.HttpRequest;

import java.util.Optional;

/** Where {@link AccessFilter} leaves the verified caller of a request. */
public final class Callers {
    /** The request attribute holding the {@link Caller} (absent for anonymous requests). */
    public static final String ATTRIBUTE = "entrada.caller";

    public static Optional<Caller> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, Caller.class);
    }

    private Callers() {
    }
}
