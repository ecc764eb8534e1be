package dev.entrada.checkin.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.List;

@Produces
@Singleton
public class InvalidInputHandler implements ExceptionHandler<InvalidInputException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, InvalidInputException exception) {
        return Problems.invalidFields(HttpStatus.UNPROCESSABLE_ENTITY,
                List.of(new Problem.FieldError(exception.field(), exception.getMessage())));
    }
}
