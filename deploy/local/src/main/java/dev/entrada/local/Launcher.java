package dev.entrada.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar deploy/local/target/entrada-local.jar [--data-dir DIR]}: starts a real Kafka
 * broker and every Entrada service, prints the URLs, and stops everything on Ctrl-C. Data lives
 * under {@code ./data} (or {@code --data-dir}), so a restart resumes where the last run stopped.
 */
public final class Launcher {

    public static void main(String[] args) throws InterruptedException {
        Path root = findRoot();
        Path dataDir = root.resolve("data");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                dataDir = Path.of(args[++i]).toAbsolutePath();
            } else {
                System.err.println("usage: entrada-local [--data-dir DIR]");
                System.exit(2);
            }
        }
        Instant began = Instant.now();
        System.out.println("Entrada: data in " + dataDir + ", logs in " + dataDir.resolve("logs"));
        Stack stack;
        try {
            stack = Stack.start(Stack.Config.defaults(root, dataDir), System.out::println);
        } catch (Stack.StartFailure e) {
            System.err.println("\nEntrada could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nstopping Entrada…");
            stack.close();
            System.out.println("stopped.");
            stopped.countDown();
        }, "entrada-shutdown"));
        String gateway = stack.gatewayUrl();
        System.out.printf("%nEntrada is up after %.1f s. Open:%n", Duration.between(began, Instant.now()).toMillis() / 1000.0);
        System.out.println("  register      " + gateway + "/");
        System.out.println("  scan (staff)  " + gateway + "/scan");
        System.out.println("  dashboard     " + gateway + "/dashboard");
        System.out.println("  API           " + gateway + "/api/events");
        Credentials credentials = stack.config().credentials();
        if (credentials.generated()) {
            System.out.println("Sign in (printed this once; kept in " + dataDir.resolve(Credentials.FILE) + "):");
            System.out.println("  organizer     " + credentials.organizerPassword());
            System.out.println("  staff         " + credentials.staffPassword());
        } else {
            System.out.println("Sign in as organizer or staff: passwords in " + dataDir.resolve(Credentials.FILE)
                    + " (or ENTRADA_ORGANIZER_PASSWORD / ENTRADA_STAFF_PASSWORD when set)");
        }
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }

    /** The repository root: the folder with {@code services/}, searched upwards from here. */
    static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("services")) && Files.isDirectory(dir.resolve("deploy"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        System.err.println("run this from inside the Entrada repository");
        System.exit(2);
        return null;
    }

    private Launcher() {
    }
}
