package dev.entrada.checkin.web;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Every error Micronaut itself produces (validation, unreadable JSON, 404, 405, 413, ...) as
 * {@code application/problem+json}.
 */
@Singleton
@Primary
public class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        List<Problem.FieldError> errors = context.getErrors().stream()
                .filter(error -> error.getPath().isPresent())
                .map(error -> new Problem.FieldError(error.getPath().get(), error.getMessage()))
                .toList();
        String detail = errors.isEmpty()
                ? context.getErrors().stream().map(Error::getMessage).findFirst().orElse(response.reason())
                : "invalid fields: " + String.join(", ", errors.stream().map(Problem.FieldError::field).toList());
        return new Problem("about:blank", response.getStatus().getReason(), response.code(), detail, errors);
    }

    @Override
    public String contentType() {
        return Problem.MEDIA_TYPE;
    }
}
