package dev.entrada.registration.web;

import dev.entrada.identity.AccessDenied;
import dev.entrada.registration.catalog.EventNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.Comparator;
import java.util.List;

/** Every error as problem+json naming the wrong fields; nothing a client sends may cause a 500. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<InvalidField> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new InvalidField(f.getField(), f.getDefaultMessage()))
                .sorted(Comparator.comparing(InvalidField::field))
                .toList();
        return Problems.response(Problems.invalid(HttpStatus.BAD_REQUEST, "Some fields are invalid.", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String field = fieldOf(e);
        if (field == null) {
            return Problems.response(Problems.problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed request",
                    "The request body is missing or is not valid JSON."));
        }
        if (isUnknownField(e)) {
            return Problems.response(Problems.invalid(HttpStatus.BAD_REQUEST, "The request has a field we do not know.",
                    List.of(new InvalidField(field, "is not a known field"))));
        }
        return Problems.response(Problems.invalid(HttpStatus.BAD_REQUEST, "A field has the wrong type.",
                List.of(new InvalidField(field, "has the wrong type"))));
    }

    /** 401 (with {@code WWW-Authenticate}) or 403 from {@link dev.entrada.spring.CallerAccess} or a handler's own check. */
    @ExceptionHandler(AccessDenied.class)
    ResponseEntity<Object> accessDenied(AccessDenied e) {
        boolean unauthenticated = e.status() == HttpStatus.UNAUTHORIZED.value();
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (unauthenticated) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return answer.body(unauthenticated
                ? Problems.problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Sign-in required", e.getMessage())
                : Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", e.getMessage()));
    }

    @ExceptionHandler(EventNotFoundException.class)
    ResponseEntity<Object> eventNotFound(EventNotFoundException e) {
        return Problems.response(Problems.problem(HttpStatus.NOT_FOUND, "event-not-found", "Event not found", e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("unexpected error", e);
        return Problems.response(Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "Something went wrong on our side; please try again."));
    }

    private static boolean isUnknownField(HttpMessageNotReadableException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof UnrecognizedPropertyException) {
                return true;
            }
        }
        return false;
    }

    /** The JSON path of the value Jackson could not bind (e.g. {@code sessions[0]}), if any. */
    private static String fieldOf(HttpMessageNotReadableException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JacksonException.Reference ref : jackson.getPath()) {
                    if (ref.getPropertyName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
                    } else if (ref.getIndex() >= 0) {
                        path.append('[').append(ref.getIndex()).append(']');
                    }
                }
                return path.isEmpty() ? null : path.toString();
            }
        }
        return null;
    }
}
