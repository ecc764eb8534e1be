package dev.entrada.checkin.web;

/** Well-formed input that refers to something that does not exist here: 422, naming the field. */
public class InvalidInputException extends RuntimeException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
