package dev.entrada.registration.messaging;

/** A consumed record that breaks the contract (missing header or field): retrying cannot help. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }
}
