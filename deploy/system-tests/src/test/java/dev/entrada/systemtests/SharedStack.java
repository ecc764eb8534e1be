package dev.entrada.systemtests;

import dev.entrada.local.Stack;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One running stack shared by every test class that asks for it ({@code @ExtendWith(SharedStack.class)}
 * and a {@link Stack} parameter), started on first use and stopped when the test run ends. Tests on it
 * must not depend on each other's data: each registers its own people, with unique e-mails. A test that
 * needs exact totals (like the walking skeleton) starts a stack of its own.
 *
 * <p>Its services export their spans to an {@link OtlpReceiver} in this JVM (a parameter of that type), as
 * they would to Jaeger or Tempo, so every test here runs with tracing on.
 */
public final class SharedStack implements ParameterResolver {
    /**
     * Every test here registers and signs in from 127.0.0.1, as if a whole venue shared one address: the
     * gateway's per-address limits (tested in the gateway's own tests) are raised to fit.
     */
    static final Map<String, String> MANY_CLIENTS_FROM_ONE_ADDRESS = Map.of(
            "ENTRADA_RATE_REGISTRATION_PER_SECOND", "100", "ENTRADA_RATE_REGISTRATION_BURST", "1000",
            "ENTRADA_RATE_SIGNIN_PER_SECOND", "10", "ENTRADA_RATE_SIGNIN_BURST", "200");

    private static final class Running implements ExtensionContext.Store.CloseableResource {
        final OtlpReceiver traces;
        final Stack stack;

        Running() throws Exception {
            Path root = Path.of(System.getProperty("entrada.root", "../..")).toAbsolutePath().normalize();
            traces = new OtlpReceiver();
            Map<String, String> tracing = Map.of("OTEL_TRACES_EXPORTER", "otlp", "OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint(),
                    "OTEL_BSP_SCHEDULE_DELAY", "500");
            Map<String, Map<String, String>> env = new HashMap<>();
            Stack.SERVICES.forEach(service -> env.put(service.name(), tracing));
            Map<String, String> gateway = new HashMap<>(tracing);
            gateway.putAll(MANY_CLIENTS_FROM_ONE_ADDRESS);
            env.put(Stack.GATEWAY, gateway);
            stack = Stack.start(Stack.Config.freePorts(root, Files.createTempDirectory("entrada-shared-")).withExtraEnv(env),
                    line -> System.out.println("[shared stack] " + line));
        }

        @Override
        public void close() {
            stack.close();
            traces.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Stack.class || type == OtlpReceiver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = running(context);
        return parameter.getParameter().getType() == OtlpReceiver.class ? running.traces : running.stack;
    }

    private static Running running(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, key -> {
                    try {
                        return new Running();
                    } catch (Exception e) {
                        throw new IllegalStateException("the shared stack did not start", e);
                    }
                }, Running.class);
    }
}
