package dev.entrada.registration.catalog;

import dev.entrada.identity.Access;
import dev.entrada.identity.Access.Audience;
import dev.entrada.registration.web.InvalidField;
import dev.entrada.registration.web.Problems;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

@RestController
@RequestMapping("/api/events")
class EventController {
    private final EventRepository events;
    private final CatalogService catalog;

    EventController(EventRepository events, CatalogService catalog) {
        this.events = events;
        this.catalog = catalog;
    }

    @Access(Audience.ORGANIZER)
    @PostMapping
    ResponseEntity<Object> create(@Valid @RequestBody EventRequest request) {
        return answer(catalog.create(request), HttpStatus.CREATED);
    }

    @Access(Audience.ORGANIZER)
    @PutMapping("/{eventId}")
    ResponseEntity<Object> replace(@PathVariable String eventId, @Valid @RequestBody EventRequest request) {
        if (!eventId.equals(request.id())) {
            return Problems.response(Problems.invalid(HttpStatus.BAD_REQUEST, "The id cannot be changed.",
                    List.of(new InvalidField("id", "must be the id in the path"))));
        }
        return answer(catalog.replace(request), HttpStatus.OK);
    }

    private static ResponseEntity<Object> answer(CatalogService.Change change, HttpStatus success) {
        if (change instanceof CatalogService.Change.Saved saved) {
            return ResponseEntity.status(success).location(URI.create("/api/events/" + saved.event().id()))
                    .body(EventResponse.of(saved.event()));
        }
        if (change instanceof CatalogService.Change.Invalid invalid) {
            return Problems.response(Problems.invalid(HttpStatus.UNPROCESSABLE_CONTENT, "The event is not consistent.", invalid.errors()));
        }
        if (change instanceof CatalogService.Change.AlreadyExists) {
            return Problems.response(Problems.problem(HttpStatus.CONFLICT, "event-exists", "Event exists",
                    "An event with this id exists already; change it with PUT."));
        }
        return Problems.response(Problems.problem(HttpStatus.NOT_FOUND, "event-not-found", "Event not found",
                "No event with this id; create it with POST."));
    }

    @Access(Audience.PUBLIC)
    @GetMapping
    List<EventResponse> list() {
        return events.findAll().stream().map(EventResponse::of).toList();
    }

    @Access(Audience.PUBLIC)
    @GetMapping("/{eventId}")
    EventResponse get(@PathVariable String eventId) {
        return events.find(eventId).map(EventResponse::of).orElseThrow(() -> new EventNotFoundException(eventId));
    }
}
