package dev.entrada.micronaut;

import dev.entrada.identity.Caller;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.PostponedRequestArgumentBinder;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Lets a controller method take a {@code @Nullable Caller} parameter: the caller {@link AccessFilter}
 * verified, or {@code null} for an anonymous request. Postponed, so it binds after the filter ran.
 */
@Singleton
class CallerBinder implements TypedRequestArgumentBinder<Caller>, PostponedRequestArgumentBinder<Caller> {
    private static final Argument<Caller> TYPE = Argument.of(Caller.class);

    @Override
    public Argument<Caller> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        Optional<Caller> caller = Callers.of(source);
        return () -> caller;
    }
}
