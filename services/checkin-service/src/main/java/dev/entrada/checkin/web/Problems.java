package dev.entrada.checkin.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;

import java.util.List;

/** Builds {@code application/problem+json} responses for invalid input. */
final class Problems {

    static HttpResponse<Problem> invalidFields(HttpStatus status, List<Problem.FieldError> errors) {
        String detail = "invalid " + String.join(", ", errors.stream().map(e -> e.field() + " (" + e.message() + ")").toList());
        Problem problem = new Problem("about:blank", status.getReason(), status.getCode(), detail, errors);
        return HttpResponse.<Problem>status(status).contentType(MediaType.of(Problem.MEDIA_TYPE)).body(problem);
    }

    private Problems() {
    }
}
