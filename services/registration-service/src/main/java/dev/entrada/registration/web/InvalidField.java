package dev.entrada.registration.web;

/** One wrong field of a request, as listed in a problem's {@code errors}. */
public record InvalidField(String field, String message) {
}
