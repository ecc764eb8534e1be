package dev.entrada.registration;

import dev.entrada.local.KafkaBroker;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;

/**
 * One real Kafka broker per test class. Declared before {@code @SpringBootTest}, so JUnit runs its
 * {@code afterAll} after Spring's: the application (and its Kafka clients) stops first, then the
 * broker, as Kafka clients hang on close when their broker is already gone.
 */
class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {
    private static KafkaBroker broker;
    private static final List<Cleanup> cleanups = new ArrayList<>();

    interface Cleanup {
        void run() throws Exception;
    }

    static KafkaBroker broker() {
        return broker;
    }

    /** Runs {@code cleanup} once the application of the current test class has stopped. */
    static void afterContextClosed(Cleanup cleanup) {
        cleanups.add(cleanup);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = KafkaBroker.startForTests();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            broker.close();
            broker = null;
            for (Cleanup cleanup : cleanups) {
                cleanup.run();
            }
        } finally {
            cleanups.clear();
        }
    }
}
