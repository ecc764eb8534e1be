package dev.entrada.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event type has a schema and a golden sample; the sample validates, and the record
 * round-trips through Jackson 3 (the mapper of the Spring Boot services) without loss. The
 * Micronaut Serialization round trip runs in reporting-service, which consumes every topic.
 */
class ContractSamplesTest {
    private static final JsonMapper SPRING_MAPPER = JsonMapper.builder().build();
    private static final com.fasterxml.jackson.databind.ObjectMapper SCHEMA_READER = new com.fasterxml.jackson.databind.ObjectMapper();

    static Stream<EventTypes.EventType> eventTypes() {
        return StreamSupport.stream(EventTypes.all().spliterator(), false);
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void sampleValidatesAgainstItsSchema(EventTypes.EventType type) throws Exception {
        assertThat(errors(type.name(), SCHEMA_READER.readTree(ContractFiles.sample(type.name())))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void schemaRejectsTheSampleWithoutARequiredField(EventTypes.EventType type) throws Exception {
        ObjectNode sample = (ObjectNode) SCHEMA_READER.readTree(ContractFiles.sample(type.name()));
        sample.remove("occurredAt");
        assertThat(errors(type.name(), sample)).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void recordRoundTripsThroughJackson3AndStillMatchesTheSchema(EventTypes.EventType type) throws Exception {
        DomainEvent event = SPRING_MAPPER.readValue(ContractFiles.sample(type.name()), type.type());
        String written = SPRING_MAPPER.writeValueAsString(event);

        assertThat(SPRING_MAPPER.readValue(written, type.type())).isEqualTo(event);
        assertThat(SCHEMA_READER.readTree(written)).isEqualTo(SCHEMA_READER.readTree(ContractFiles.sample(type.name())));
        assertThat(errors(type.name(), SCHEMA_READER.readTree(written))).isEmpty();
        assertThat(EventTypes.of(event).topic()).isEqualTo(type.topic());
        assertThat(event.partitionKey()).isNotBlank();
    }

    private static Set<ValidationMessage> errors(String eventType, JsonNode json) {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(ContractFiles.schema(eventType));
        return schema.validate(json);
    }
}
