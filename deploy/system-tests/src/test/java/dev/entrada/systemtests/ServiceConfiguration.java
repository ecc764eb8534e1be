package dev.entrada.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a service's own configuration file reads, for checking deployment files against it. */
final class ServiceConfiguration {
    static final Path ROOT = Path.of(System.getProperty("entrada.root", "../..")).toAbsolutePath().normalize();

    /**
     * True when {@code service}'s application.yml reads environment variable {@code variable}: as a
     * placeholder {@code ${VARIABLE…}}, or through the property it maps to ({@code DB_URL} → {@code ${db.url}});
     * or its logback.xml does ({@code ${VARIABLE:-default}}, e.g. {@code ENTRADA_LOG_FORMAT}).
     */
    static boolean readsVariable(String service, String variable) {
        try {
            Path resources = ROOT.resolve("services").resolve(service).resolve("src/main/resources");
            String config = Files.readString(resources.resolve("application.yml"));
            Path logback = resources.resolve("logback.xml");
            return config.contains("${" + variable) || config.contains("${" + variable.toLowerCase().replace('_', '.'))
                    || Files.exists(logback) && Files.readString(logback).contains("${" + variable);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ServiceConfiguration() {
    }
}
