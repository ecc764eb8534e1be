package dev.entrada.ticketing.web;

/** A request parameter the client got wrong; answered with 400 naming the field. */
public class InvalidRequestException extends RuntimeException {
    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
