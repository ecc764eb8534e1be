package dev.entrada.ticketing.web;

import org.springframework.http.HttpStatus;

import java.net.URI;

/** An error answered as {@code application/problem+json} with its own status and type. */
public class ApiProblem extends RuntimeException {
    private final HttpStatus status;
    private final URI type;
    private final String title;

    public ApiProblem(HttpStatus status, String typeName, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = URI.create("https://entrada.dev/problems/" + typeName);
        this.title = title;
    }

    public static ApiProblem notFound(String typeName, String title, String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, typeName, title, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }
}
