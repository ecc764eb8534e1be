package dev.entrada.local;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PortsTest {

    @Test
    void freePortsAreDistinctFreeAndOutsideTheEphemeralRange() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = Ports.free();
            assertThat(port).isBetween(Ports.FIRST, Ports.LAST).isLessThan(32_768);
            assertThat(Ports.isFree(port)).isTrue();
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
        }
    }
}
