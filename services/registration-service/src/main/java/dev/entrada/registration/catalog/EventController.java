package dev.entrada.registration.catalog;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/events")
class EventController {
    private final EventRepository events;

    EventController(EventRepository events) {
        this.events = events;
    }

    @GetMapping
    List<EventResponse> list() {
        return events.findAll().stream().map(EventResponse::of).toList();
    }

    @GetMapping("/{eventId}")
    EventResponse get(@PathVariable String eventId) {
        return events.find(eventId).map(EventResponse::of).orElseThrow(() -> new EventNotFoundException(eventId));
    }
}
