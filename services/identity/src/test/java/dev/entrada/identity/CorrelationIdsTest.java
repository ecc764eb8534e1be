package dev.entrada.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"0b7c2f9e-1d2a-4c55-9a77-3f1e2d4c5b6a", "4bf92f3577b34da6a3ce929d0e0e4736", "lb-req.42:7_x"})
    void aSaneIdIsKept(String id) {
        assertThat(CorrelationIds.accept(id)).isEqualTo(id);
        assertThat(CorrelationIds.acceptOrNew(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "line\nbreak", "<script>", "ünïcode"})
    void anythingElseIsReplacedByAFreshUuid(String id) {
        assertThat(CorrelationIds.accept(id)).isNull();
        assertThat(UUID.fromString(CorrelationIds.acceptOrNew(id))).isNotNull();
    }

    @Test
    void noneOrAnOverlongOneIsReplacedToo() {
        assertThat(CorrelationIds.accept(null)).isNull();
        assertThat(CorrelationIds.accept("a".repeat(65))).isNull();
        assertThat(CorrelationIds.accept("a".repeat(64))).hasSize(64);
        assertThat(CorrelationIds.acceptOrNew(null)).hasSize(36);
    }
}
