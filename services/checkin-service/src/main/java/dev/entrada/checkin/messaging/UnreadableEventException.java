package dev.entrada.checkin.messaging;

/** The record can never be applied (bad JSON, a required field missing): retrying will not help. */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message) {
        super(message);
    }

    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }

    public static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new UnreadableEventException("missing " + field);
        }
        return value;
    }

    public static <T> T require(T value, String field) {
        if (value == null) {
            throw new UnreadableEventException("missing " + field);
        }
        return value;
    }
}
