package dev.entrada.registration.catalog;

public class EventNotFoundException extends RuntimeException {

    public EventNotFoundException(String eventId) {
        super("No event with id " + eventId);
    }
}
