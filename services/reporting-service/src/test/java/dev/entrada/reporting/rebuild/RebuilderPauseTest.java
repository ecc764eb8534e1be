package dev.entrada.reporting.rebuild;

import io.micronaut.configuration.kafka.ConsumerRegistry;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumer retrying a failed record drops a pause requested during its back-off (Micronaut resumes the
 * partition when the delay ends). The rebuild must ask again rather than wait for a pause that never comes.
 */
class RebuilderPauseTest {

    @Test
    void aPauseDroppedByARetryBackOffIsRequestedAgain() throws Exception {
        Set<String> paused = ConcurrentHashMap.newKeySet();
        AtomicInteger retryingRequests = new AtomicInteger();
        ConsumerRegistry registry = (ConsumerRegistry) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ConsumerRegistry.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "pause" -> {
                        String id = (String) args[0];
                        // the first request for "retrying" is lost, as when its back-off ends and resumes it
                        if (!id.equals("retrying") || retryingRequests.incrementAndGet() > 1) {
                            paused.add(id);
                        }
                        yield null;
                    }
                    case "isPaused" -> paused.contains((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Rebuilder rebuilder = new Rebuilder(registry, null, null, null, "unused:9092");

        rebuilder.awaitPaused(Set.of("retrying", "idle"));

        assertThat(paused).containsExactlyInAnyOrder("retrying", "idle");
        assertThat(retryingRequests.get()).isEqualTo(2);
    }
}
