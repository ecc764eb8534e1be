package dev.entrada.checkin;

import io.micronaut.runtime.Micronaut;

public class CheckinServiceApplication {

    public static void main(String[] args) {
        Micronaut.run(CheckinServiceApplication.class, args);
    }
}
