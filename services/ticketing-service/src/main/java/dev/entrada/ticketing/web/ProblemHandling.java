package dev.entrada.ticketing.web;

import dev.entrada.identity.AccessDenied;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** RFC 9457 answers for this service's own errors; Spring's own errors are rendered by Boot the same way. */
@RestControllerAdvice
class ProblemHandling {
    static final URI NOT_FOUND = URI.create("https://entrada.dev/problems/ticket-not-found");
    static final URI INVALID_REQUEST = URI.create("https://entrada.dev/problems/invalid-request");

    @ExceptionHandler(TicketNotFoundException.class)
    ProblemDetail notFound(TicketNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(NOT_FOUND);
        problem.setTitle("Ticket not found");
        return problem;
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> problem(ApiProblem e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setType(e.type());
        problem.setTitle(e.title());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.body(problem);
    }

    /** 401 (with {@code WWW-Authenticate}) or 403 from {@link dev.entrada.spring.CallerAccess}. */
    @ExceptionHandler(AccessDenied.class)
    ResponseEntity<ProblemDetail> accessDenied(AccessDenied e) {
        return problem(e.status() == HttpStatus.UNAUTHORIZED.value()
                ? new ApiProblem(HttpStatus.UNAUTHORIZED, "unauthorized", "Sign-in required", e.getMessage())
                : new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", e.getMessage()));
    }

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setType(INVALID_REQUEST);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
        return problem;
    }
}
