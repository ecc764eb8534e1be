package dev.entrada.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackTest {

    @Test
    void aTakenPortIsNamedBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Stack.Config free = Stack.Config.freePorts(dir, dir);
            Map<String, Integer> ports = new LinkedHashMap<>(free.ports());
            ports.put("api-gateway", taken.getLocalPort());
            Stack.Config config = new Stack.Config(dir, dir, free.kafkaPort(), free.controllerPort(), ports, Map.of(),
                    free.jvmOptions(), free.credentials(), Stack.Topology.SINGLE);

            assertThatThrownBy(() -> Stack.start(config, line -> { }))
                    .isInstanceOf(Stack.StartFailure.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " (api-gateway)");
        }
        assertThat(dir.resolve("kafka")).doesNotExist();
    }

    @Test
    void aMissingServiceJarSaysHowToBuildIt(@TempDir Path dir) {
        assertThatThrownBy(() -> Stack.start(Stack.Config.freePorts(dir, dir), line -> { }))
                .isInstanceOf(Stack.StartFailure.class)
                .hasMessageContaining("registration-service.jar")
                .hasMessageContaining("mvnw");
    }
}
