package dev.entrada.contracts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.entrada.contracts.registration.AttendeeErased;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The erasure event names the registration and nothing about the person. */
class AttendeeErasedContractTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void carriesOnlyIdsReasonAndTime() {
        assertThat(Arrays.stream(AttendeeErased.class.getRecordComponents()).map(RecordComponent::getName))
                .containsExactly("registrationId", "eventId", "reason", "occurredAt");
    }

    @Test
    void schemaKnowsTheThreeReasonsOnly() throws Exception {
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(ContractFiles.schema("AttendeeErased"));
        ObjectNode sample = (ObjectNode) MAPPER.readTree(ContractFiles.sample("AttendeeErased"));
        for (String reason : new String[]{AttendeeErased.REQUEST_BY_ATTENDEE, AttendeeErased.REQUEST_BY_ORGANIZER, AttendeeErased.RETENTION}) {
            sample.put("reason", reason);
            assertThat(schema.validate(sample)).as(reason).isEmpty();
        }
        sample.put("reason", "BECAUSE");
        assertThat(schema.validate(sample)).isNotEmpty();
        sample.remove("reason");
        assertThat(schema.validate(sample)).isNotEmpty();
    }
}
