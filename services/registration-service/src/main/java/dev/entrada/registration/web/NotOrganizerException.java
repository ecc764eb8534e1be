package dev.entrada.registration.web;

/** An organiser-only call without the organiser's token: answered 401. */
public class NotOrganizerException extends RuntimeException {

    public NotOrganizerException() {
        super("This needs the organiser's token: Authorization: Bearer <token>.");
    }
}
