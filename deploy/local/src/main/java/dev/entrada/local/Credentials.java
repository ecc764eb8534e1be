package dev.entrada.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

/**
 * The secrets of a stack: the key the gateway signs caller tokens with (shared with every service) and
 * the passwords of the {@code organizer} and {@code staff} accounts. Each comes from its environment
 * variable when set; otherwise from {@code <data>/credentials.properties} (readable by its owner only),
 * generated on the first start.
 *
 * @param generated whether the file was written just now, so the launcher prints the passwords once
 */
public record Credentials(String serviceTokenSecret, String organizerPassword, String staffPassword, boolean generated) {
    static final String FILE = "credentials.properties";
    static final String SECRET_ENV = "ENTRADA_SERVICE_TOKEN_SECRET";
    static final String ORGANIZER_ENV = "ENTRADA_ORGANIZER_PASSWORD";
    static final String STAFF_ENV = "ENTRADA_STAFF_PASSWORD";

    /** The environment a service needs from these credentials (the gateway also gets the passwords). */
    Map<String, String> environment(boolean gateway) {
        return gateway
                ? Map.of(SECRET_ENV, serviceTokenSecret, ORGANIZER_ENV, organizerPassword, STAFF_ENV, staffPassword)
                : Map.of(SECRET_ENV, serviceTokenSecret);
    }

    /** The embedded default's credentials: environment, else the data folder's file, else new ones kept there. */
    static Credentials of(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            Properties kept = new Properties();
            boolean generated = !Files.isRegularFile(file);
            if (generated) {
                Files.createDirectories(dataDir);
                kept.setProperty(SECRET_ENV, random(32));
                kept.setProperty(ORGANIZER_ENV, random(12));
                kept.setProperty(STAFF_ENV, random(12));
                try (Writer out = Files.newBufferedWriter(file)) {
                    kept.store(out, "Entrada embedded default: generated on first start; delete to generate new ones");
                }
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the data folder's own permissions apply
                }
            } else {
                try (Reader in = Files.newBufferedReader(file)) {
                    kept.load(in);
                }
            }
            return new Credentials(env(SECRET_ENV, kept), env(ORGANIZER_ENV, kept), env(STAFF_ENV, kept), generated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fresh credentials kept nowhere: for tests. */
    public static Credentials random() {
        return new Credentials(random(32), random(12), random(12), true);
    }

    private static String env(String name, Properties kept) {
        String value = System.getenv(name);
        return value != null && !value.isBlank() ? value.strip() : kept.getProperty(name);
    }

    /** {@code bytes} random bytes, base64url: 32 bytes give a 43-character secret, 12 a 16-character password. */
    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    @Override
    public String toString() {
        return "Credentials[hidden]";
    }
}
