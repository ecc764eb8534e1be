package dev.entrada.reporting.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;

import java.util.Comparator;
import java.util.List;

/**
 * Every error this service answers is RFC 9457 problem+json, whether it comes from a controller
 * (404 for an unknown event) or from the framework (validation, unknown route, method not allowed).
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Problem> {
    public static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        List<Problem.FieldError> errors = context.getRootCause()
                .filter(ConstraintViolationException.class::isInstance)
                .map(e -> fieldErrors((ConstraintViolationException) e))
                .orElse(List.of());
        String detail = context.getErrors().stream().map(Error::getMessage).findFirst().orElse(response.reason());
        return new Problem("about:blank", response.reason(), response.code(), detail, errors.isEmpty() ? null : errors);
    }

    @Override
    public String contentType() {
        return PROBLEM_JSON;
    }

    /** A violation's path is "method.parameter[.property]"; the client knows the field by its last name. */
    private static List<Problem.FieldError> fieldErrors(ConstraintViolationException e) {
        return e.getConstraintViolations().stream()
                .map(v -> {
                    String field = null;
                    for (Path.Node node : v.getPropertyPath()) {
                        field = node.getName();
                    }
                    return new Problem.FieldError(field, v.getMessage());
                })
                .sorted(Comparator.comparing(Problem.FieldError::field, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }
}
