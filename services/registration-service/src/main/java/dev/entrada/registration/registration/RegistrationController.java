package dev.entrada.registration.registration;

import dev.entrada.identity.Access;
import dev.entrada.identity.Access.Audience;
import dev.entrada.identity.Caller;
import dev.entrada.identity.Role;
import dev.entrada.registration.catalog.EventNotFoundException;
import dev.entrada.registration.web.InvalidField;
import dev.entrada.registration.web.Problems;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;

@RestController
class RegistrationController {
    private static final int MAX_IDEMPOTENCY_KEY = 200;

    private final RegistrationService registrations;

    RegistrationController(RegistrationService registrations) {
        this.registrations = registrations;
    }

    @Access(Audience.PUBLIC)
    @PostMapping("/api/events/{eventId}/registrations")
    ResponseEntity<Object> register(@PathVariable String eventId, @Valid @RequestBody RegisterAttendeeRequest request,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            return Problems.response(Problems.invalid(HttpStatus.BAD_REQUEST, "The Idempotency-Key header is invalid.",
                    List.of(new InvalidField("Idempotency-Key",
                            "must have 1 to " + MAX_IDEMPOTENCY_KEY + " characters"))));
        }
        RegistrationOutcome outcome = registrations.register(eventId, request, idempotencyKey);
        if (outcome instanceof RegistrationOutcome.Created c) {
            return ResponseEntity.created(URI.create("/api/registrations/" + c.registrationId()))
                    .body(new RegistrationResponse(c.registrationId(), c.status(), c.accessToken()));
        }
        if (outcome instanceof RegistrationOutcome.Replayed r) {
            return ResponseEntity.status(r.httpStatus()).contentType(MediaType.APPLICATION_JSON).body(r.body());
        }
        if (outcome instanceof RegistrationOutcome.KeyReused) {
            return Problems.response(Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                    "Idempotency-Key reused", "This Idempotency-Key was already used with a different request body."));
        }
        if (outcome instanceof RegistrationOutcome.AlreadyRegistered a) {
            return ResponseEntity.ok(new RegistrationResponse(a.registrationId(), a.status(), null));
        }
        if (outcome instanceof RegistrationOutcome.EventNotFound n) {
            throw new EventNotFoundException(n.eventId());
        }
        if (outcome instanceof RegistrationOutcome.InvalidChoice i) {
            return Problems.response(Problems.invalid(HttpStatus.UNPROCESSABLE_CONTENT,
                    "The choice does not fit this event.", i.errors()));
        }
        if (outcome instanceof RegistrationOutcome.RegistrationClosed closed) {
            return Problems.response(closed(closed));
        }
        if (outcome instanceof RegistrationOutcome.TooManyAttempts tooMany) {
            long seconds = Math.max(1, (tooMany.retryAfter().toMillis() + 999) / 1000);
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-attempts", "Too many attempts",
                            "Too many registration attempts for this e-mail address; try again in " + seconds + " seconds."));
        }
        if (outcome instanceof RegistrationOutcome.EventFull) {
            return Problems.response(Problems.problem(HttpStatus.CONFLICT, "event-full", "Event full",
                    "There are no seats left for this ticket type and the event has no waiting list."));
        }
        throw new IllegalStateException("unhandled outcome " + outcome);
    }

    @Access(Audience.LINK)
    @GetMapping("/api/registrations/{registrationId}")
    ResponseEntity<Object> get(@PathVariable String registrationId, @RequestParam(required = false) String token,
                               Caller caller) {
        return registrations.view(registrationId, token, isOrganizer(caller))
                .<ResponseEntity<Object>>map(ResponseEntity::ok)
                .orElseGet(RegistrationController::notFound);
    }

    /** By the attendee ({@code ?token=}) or an organiser (signed in); the first waiting person moves up. */
    @Access(Audience.LINK)
    @DeleteMapping("/api/registrations/{registrationId}")
    ResponseEntity<Object> cancel(@PathVariable String registrationId, @RequestParam(required = false) String token,
                                  Caller caller) {
        return registrations.cancel(registrationId, token, isOrganizer(caller))
                .<ResponseEntity<Object>>map(status -> ResponseEntity.ok(Map.of("registrationId", registrationId, "status", status)))
                .orElseGet(RegistrationController::notFound);
    }

    @Access(Audience.LINK)
    @PatchMapping("/api/registrations/{registrationId}")
    ResponseEntity<Object> correct(@PathVariable String registrationId, @RequestParam(required = false) String token, Caller caller,
                                   @Valid @RequestBody CorrectRegistrationRequest request) {
        RegistrationService.Correction correction = registrations.correct(registrationId, token,
                isOrganizer(caller), request);
        if (correction instanceof RegistrationService.Correction.Corrected c) {
            return ResponseEntity.ok(c.registration());
        }
        if (correction instanceof RegistrationService.Correction.Erased) {
            return Problems.response(Problems.problem(HttpStatus.CONFLICT, "registration-erased", "Registration erased",
                    "The personal data of this registration was erased; it cannot be corrected."));
        }
        if (correction instanceof RegistrationService.Correction.AlreadyCancelled) {
            return Problems.response(Problems.problem(HttpStatus.CONFLICT, "registration-cancelled", "Registration cancelled",
                    "A cancelled registration cannot be corrected."));
        }
        return notFound();
    }

    private static ProblemDetail closed(RegistrationOutcome.RegistrationClosed closed) {
        ProblemDetail problem;
        if (closed.opensAt() != null) {
            problem = Problems.problem(HttpStatus.CONFLICT, "registration-not-open", "Registration not open yet",
                    "Registration for this event opens at " + closed.opensAt() + ".");
            problem.setProperty("opensAt", closed.opensAt().toString());
        } else {
            problem = Problems.problem(HttpStatus.CONFLICT, "registration-closed", "Registration closed",
                    "Registration for this event closed at " + closed.closedAt() + ".");
            problem.setProperty("closedAt", closed.closedAt().toString());
        }
        return problem;
    }

    /** LINK calls: an organiser needs no link token. */
    private static boolean isOrganizer(Caller caller) {
        return caller != null && caller.has(Role.ORGANIZER);
    }

    // a wrong token looks exactly like an unknown id, so ids cannot be probed
    private static ResponseEntity<Object> notFound() {
        return Problems.response(Problems.problem(HttpStatus.NOT_FOUND, "registration-not-found",
                "Registration not found", "No registration with this id and token."));
    }
}
