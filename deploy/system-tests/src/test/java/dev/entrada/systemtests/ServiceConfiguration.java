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
     * placeholder {@code ${VARIABLE…}}, or through the property it maps to ({@code DB_URL} → {@code ${db.url}}).
     */
    static boolean readsVariable(String service, String variable) {
        try {
            String config = Files.readString(ROOT.resolve("services").resolve(service).resolve("src/main/resources/application.yml"));
            return config.contains("${" + variable) || config.contains("${" + variable.toLowerCase().replace('_', '.'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ServiceConfiguration() {
    }
}
