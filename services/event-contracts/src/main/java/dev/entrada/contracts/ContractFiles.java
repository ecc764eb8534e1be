package dev.entrada.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON Schema and the golden sample of each event type, shipped on the classpath so every
 * producer and consumer can test itself against the same files.
 */
public final class ContractFiles {

    public static String schema(String eventType) {
        return read("/entrada/schemas/" + eventType + ".schema.json");
    }

    public static String sample(String eventType) {
        return read("/entrada/samples/" + eventType + ".json");
    }

    private static String read(String path) {
        try (InputStream in = ContractFiles.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no contract file " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ContractFiles() {
    }
}
