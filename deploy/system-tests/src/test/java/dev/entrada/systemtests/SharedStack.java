package dev.entrada.systemtests;

import dev.entrada.local.Stack;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One running stack shared by every test class that asks for it ({@code @ExtendWith(SharedStack.class)}
 * and a {@link Stack} parameter), started on first use and stopped when the test run ends. Tests on it
 * must not depend on each other's data: each registers its own people, with unique e-mails. A test that
 * needs exact totals (like the walking skeleton) starts a stack of its own.
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
        final Stack stack;

        Running() throws Exception {
            Path root = Path.of(System.getProperty("entrada.root", "../..")).toAbsolutePath().normalize();
            stack = Stack.start(Stack.Config.freePorts(root, Files.createTempDirectory("entrada-shared-"))
                            .withExtraEnv(Map.of(Stack.GATEWAY, MANY_CLIENTS_FROM_ONE_ADDRESS)),
                    line -> System.out.println("[shared stack] " + line));
        }

        @Override
        public void close() {
            stack.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Stack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, key -> {
                    try {
                        return new Running();
                    } catch (Exception e) {
                        throw new IllegalStateException("the shared stack did not start", e);
                    }
                }, Running.class).stack;
    }
}
