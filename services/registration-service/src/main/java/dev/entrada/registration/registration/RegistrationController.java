package dev.entrada.registration.registration;

import dev.entrada.registration.catalog.EventNotFoundException;
import dev.entrada.registration.web.Problems;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

@RestController
class RegistrationController {
    private final RegistrationService registrations;

    RegistrationController(RegistrationService registrations) {
        this.registrations = registrations;
    }

    @PostMapping("/api/events/{eventId}/registrations")
    ResponseEntity<Object> register(@PathVariable String eventId, @Valid @RequestBody RegisterAttendeeRequest request) {
        RegistrationOutcome outcome = registrations.register(eventId, request);
        if (outcome instanceof RegistrationOutcome.Created c) {
            return ResponseEntity.created(URI.create("/api/registrations/" + c.registrationId()))
                    .body(new RegistrationResponse(c.registrationId(), c.status(), c.accessToken()));
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
        if (outcome instanceof RegistrationOutcome.RegistrationClosed) {
            return Problems.response(Problems.problem(HttpStatus.CONFLICT, "registration-closed", "Registration closed",
                    "Registration for this event is not open now."));
        }
        if (outcome instanceof RegistrationOutcome.EventFull) {
            return Problems.response(Problems.problem(HttpStatus.CONFLICT, "event-full", "Event full",
                    "There are no seats left for this ticket type and the event has no waiting list."));
        }
        throw new IllegalStateException("unhandled outcome " + outcome);
    }

    @GetMapping("/api/registrations/{registrationId}")
    ResponseEntity<Object> get(@PathVariable String registrationId, @RequestParam(required = false) String token) {
        return registrations.find(registrationId, token)
                .<ResponseEntity<Object>>map(r -> ResponseEntity.ok(new RegistrationView(r.id(), r.eventId(), r.status(), r.ticketId())))
                // a wrong token looks exactly like an unknown id, so ids cannot be probed
                .orElseGet(() -> Problems.response(Problems.problem(HttpStatus.NOT_FOUND, "registration-not-found",
                        "Registration not found", "No registration with this id and token.")));
    }
}
