package dev.entrada.ticketing.messaging;

/** A record that will never be processable as it is: it goes to the dead-letter topic without retries. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }
}
