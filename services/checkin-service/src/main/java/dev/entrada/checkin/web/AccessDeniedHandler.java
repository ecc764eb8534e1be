package dev.entrada.checkin.web;

import dev.entrada.identity.AccessDenied;
import dev.entrada.micronaut.AccessDeniedResponses;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * A refused caller, from the access filter or from a handler's event check: RFC 9457 problem+json
 * with 401 (and {@code WWW-Authenticate: Bearer}) or 403.
 */
@Produces
@Singleton
public class AccessDeniedHandler implements ExceptionHandler<AccessDenied, HttpResponse<Problem>>, AccessDeniedResponses {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, AccessDenied exception) {
        return refuse(exception);
    }

    /** Also the access filter's answer, before any handler runs. */
    @Override
    public HttpResponse<Problem> refuse(AccessDenied denied) {
        HttpStatus status = HttpStatus.valueOf(denied.status());
        Problem problem = new Problem("about:blank", status.getReason(), status.getCode(), denied.getMessage(), null);
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(status)
                .contentType(MediaType.of(Problem.MEDIA_TYPE)).body(problem);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response;
    }
}
