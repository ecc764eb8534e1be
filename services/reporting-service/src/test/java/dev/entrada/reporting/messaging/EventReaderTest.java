package dev.entrada.reporting.messaging;

import dev.entrada.contracts.ContractFiles;
import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.checkin.AttendeeCheckedIn;
import io.micronaut.serde.ObjectMapper;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class EventReaderTest {
    private final EventReader reader = new EventReader(ObjectMapper.getDefault());

    @Test
    void readsAGoldenSampleWithItsHeaders() {
        ReadResult result = reader.read(headers("AttendeeCheckedIn", "id-1"), ContractFiles.sample("AttendeeCheckedIn"));

        assertThat(result).isInstanceOfSatisfying(ReadResult.Readable.class, r -> {
            assertThat(r.eventId()).isEqualTo("id-1");
            assertThat(r.event()).isInstanceOfSatisfying(AttendeeCheckedIn.class,
                    e -> assertThat(e.checkpointId()).isEqualTo("entrance"));
        });
    }

    @Test
    void acceptsFieldsAddedByANewerProducer() {
        String newer = ContractFiles.sample("AttendeeCheckedIn").replaceFirst("\\{", "{\"gate\": \"B\",");

        assertThat(reader.read(headers("AttendeeCheckedIn", "id-1"), newer)).isInstanceOf(ReadResult.Readable.class);
    }

    @Test
    void skipsUnknownTypesButRefusesWhatCannotBeRead() {
        assertThat(reader.read(headers("SomethingNew", "id-1"), "{}")).isInstanceOf(ReadResult.UnknownType.class);
        assertThat(reader.read(headers("AttendeeCheckedIn", "id-1"), "not json"))
                .isInstanceOfSatisfying(ReadResult.Unreadable.class, u -> assertThat(u.error()).startsWith("value:"));
        assertThat(reader.read(headers(null, "id-1"), ContractFiles.sample("AttendeeCheckedIn")))
                .isInstanceOfSatisfying(ReadResult.Unreadable.class, u -> assertThat(u.error()).contains(EventHeaders.EVENT_TYPE));
        assertThat(reader.read(headers("AttendeeCheckedIn", null), ContractFiles.sample("AttendeeCheckedIn")))
                .isInstanceOfSatisfying(ReadResult.Unreadable.class, u -> assertThat(u.error()).contains(EventHeaders.EVENT_ID));
    }

    @Test
    void namesTheFieldAProjectionCannotDoWithout() {
        String noTicket = ContractFiles.sample("AttendeeCheckedIn").replace("\"ticketId\"", "\"ticket\"");
        String longId = ContractFiles.sample("RegistrationConfirmed")
                .replace("6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e", "x".repeat(65));

        assertThat(reader.read(headers("AttendeeCheckedIn", "id-1"), noTicket))
                .isInstanceOfSatisfying(ReadResult.Unreadable.class, u -> assertThat(u.error()).contains("ticketId: missing"));
        assertThat(reader.read(headers("RegistrationConfirmed", "id-1"), longId))
                .isInstanceOfSatisfying(ReadResult.Unreadable.class, u -> assertThat(u.error()).contains("registrationId: longer than 64"));
    }

    private static RecordHeaders headers(String type, String id) {
        RecordHeaders headers = new RecordHeaders();
        if (type != null) {
            headers.add(EventHeaders.EVENT_TYPE, type.getBytes(StandardCharsets.UTF_8));
        }
        if (id != null) {
            headers.add(EventHeaders.EVENT_ID, id.getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }
}
