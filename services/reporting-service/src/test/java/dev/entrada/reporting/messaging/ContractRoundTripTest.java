package dev.entrada.reporting.messaging;

import dev.entrada.contracts.ContractFiles;
import dev.entrada.contracts.DomainEvent;
import dev.entrada.contracts.EventTypes;
import dev.entrada.contracts.EventTypes.EventType;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contracts' Micronaut round trip: every golden sample in the contracts jar is read into its
 * record with Micronaut Serialization's {@link ObjectMapper} (through this module's {@code @SerdeImport}s),
 * written back, and read again; both records must be equal, and the written JSON must carry every
 * non-null field of the sample with the same value (so a field the mapper silently drops fails here).
 */
class ContractRoundTripTest {
    private static final ObjectMapper MAPPER = ObjectMapper.getDefault();

    static Stream<EventType> eventTypes() {
        return StreamSupport.stream(EventTypes.all().spliterator(), false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void everyGoldenSampleSurvivesAMicronautRoundTrip(EventType type) throws Exception {
        String sample = ContractFiles.sample(type.name());

        DomainEvent first = MAPPER.readValue(sample, type.type());
        String written = MAPPER.writeValueAsString(first);
        DomainEvent second = MAPPER.readValue(written, type.type());

        assertThat(second).isEqualTo(first);
        assertThat(withoutNulls(MAPPER.readValue(written, JsonNode.class)))
                .isEqualTo(withoutNulls(MAPPER.readValue(sample, JsonNode.class)));
    }

    /** JSON as plain maps and lists, null members dropped (Micronaut may omit them; absent means null). */
    private static Object withoutNulls(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.entries().forEach(e -> {
                if (!e.getValue().isNull()) {
                    map.put(e.getKey(), withoutNulls(e.getValue()));
                }
            });
            return map;
        }
        if (node.isArray()) {
            return StreamSupport.stream(node.values().spliterator(), false).map(ContractRoundTripTest::withoutNulls).toList();
        }
        return node.isNumber() ? node.getNumberValue().toString() : node.isBoolean() ? node.getBooleanValue() : node.getValue();
    }
}
