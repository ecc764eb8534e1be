package dev.entrada.reporting;

import io.micronaut.runtime.Micronaut;

public class ReportingServiceApplication {

    public static void main(String[] args) {
        Micronaut.run(ReportingServiceApplication.class, args);
    }
}
