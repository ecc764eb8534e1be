package dev.entrada.checkin.config;

import dev.entrada.contracts.ContractFiles;
import dev.entrada.contracts.DomainEvent;
import dev.entrada.contracts.EventTypes;
import dev.entrada.contracts.catalog.EventPublished;
import dev.entrada.contracts.ticket.TicketIssued;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every golden sample this service consumes is readable, and what it produces equals its sample. */
class ContractSerdeTest {
    private final ObjectMapper json = ObjectMapper.getDefault();

    @ParameterizedTest
    @ValueSource(strings = {"EventPublished", "SigningKeyPublished", "SigningKeyRetired", "TicketIssued", "TicketRevoked",
            "RegistrationConfirmed", "RegistrationWaitlisted", "RegistrationCorrected", "RegistrationCancelled", "AttendeeErased"})
    void readsEverySampleItConsumes(String type) throws IOException {
        DomainEvent event = json.readValue(ContractFiles.sample(type), EventTypes.byName(type).orElseThrow().type());

        assertThat(event.partitionKey()).isNotBlank();
        assertThat(event.occurredAt()).isNotNull();
    }

    @Test
    void readsTheNestedCatalogueStructure() throws IOException {
        EventPublished b2b = json.readValue(ContractFiles.sample("EventPublished"), EventPublished.class);

        assertThat(b2b.checkpoints()).extracting(EventPublished.Checkpoint::id, EventPublished.Checkpoint::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("entrance", EventPublished.CheckpointKind.DOOR),
                org.assertj.core.groups.Tuple.tuple("session-room", EventPublished.CheckpointKind.SESSION),
                org.assertj.core.groups.Tuple.tuple("b2b-area", EventPublished.CheckpointKind.DOOR));
        assertThat(b2b.ticketTypes()).extracting(EventPublished.TicketType::code).containsExactly("COMPANY", "RESEARCH", "DELEGATION");
        assertThat(json.readValue(ContractFiles.sample("TicketIssued"), TicketIssued.class).holderName()).isEqualTo("Lucía Fernández Ortega");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AttendeeCheckedIn", "AttendeeCheckedOut", "CheckInRejected", "CheckInConflict"})
    void writesWhatItProducesExactlyAsTheSample(String type) throws IOException {
        String sample = ContractFiles.sample(type);
        DomainEvent event = json.readValue(sample, EventTypes.byName(type).orElseThrow().type());

        Map<String, Object> written = asMap(json.writeValueAsString(event));

        assertThat(written).isEqualTo(withoutNulls(asMap(sample)));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(String text) throws IOException {
        return json.readValue(text, Map.class);
    }

    /** Absent and null mean the same to every consumer; Micronaut leaves nulls out. */
    private static Map<String, Object> withoutNulls(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>(map);
        copy.values().removeIf(value -> value == null);
        return copy;
    }
}
