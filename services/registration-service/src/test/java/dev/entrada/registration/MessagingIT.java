package dev.entrada.registration;

import dev.entrada.contracts.ContractFiles;
import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.Topics;
import dev.entrada.contracts.ticket.TicketIssued;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MessagingIT extends ServiceTestSupport {

    @Test
    void theSeedCatalogueReachesTheEventCatalogTopic() {
        List<ConsumerRecord<String, String>> records = awaitRecords(Topics.EVENT_CATALOG,
                r -> "EventPublished".equals(header(r, EventHeaders.EVENT_TYPE)), 2);

        Map<String, ConsumerRecord<String, String>> byKey = records.stream()
                .collect(Collectors.toMap(ConsumerRecord::key, r -> r, (a, b) -> b));
        assertThat(byKey).containsOnlyKeys("telecom-night-2017", "b2b-industrial-2017");
        ObjectNode b2b = (ObjectNode) JSON.readTree(byKey.get("b2b-industrial-2017").value());
        ObjectNode sample = (ObjectNode) JSON.readTree(ContractFiles.sample("EventPublished"));
        b2b.remove("occurredAt");
        sample.remove("occurredAt");
        assertThat(b2b).isEqualTo(sample);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM events WHERE published_version = version", Integer.class)).isEqualTo(2);
    }

    @Test
    void ticketIssuedSetsTheTicketIdAndARedeliveryChangesNothing() {
        Response first = register("b2b-industrial-2017", attendee(uniqueEmail()));
        Response second = register("b2b-industrial-2017", attendee(uniqueEmail()));
        String firstId = first.json().get("registrationId").asString();
        String secondId = second.json().get("registrationId").asString();
        String ticketId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();

        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(ticketIssued(eventId, ticketId, firstId));
            // the same event again, as after a producer retry; its body differs so a second apply would show
            producer.send(ticketIssued(eventId, UUID.randomUUID().toString(), firstId));
            // a later event on the same partition: once it is applied, the redelivery above was handled
            producer.send(ticketIssued(UUID.randomUUID().toString(), UUID.randomUUID().toString(), secondId));
            producer.flush();
        }

        String secondToken = second.json().get("accessToken").asString();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !get("/api/registrations/" + secondId + "?token=" + secondToken).json().get("ticketId").isNull());
        JsonNode view = get("/api/registrations/" + firstId + "?token=" + first.json().get("accessToken").asString()).json();
        assertThat(view.get("ticketId").asString()).isEqualTo(ticketId);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM processed_events WHERE event_id = ?", Integer.class, eventId)).isOne();
    }

    @Test
    void aRecordThatIsNotJsonEndsOnTheDeadLetterTopic() {
        String poison = "this is not JSON " + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer()) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.TICKET_EVENTS, "some-ticket", poison);
            record.headers().add(EventHeaders.EVENT_TYPE, "TicketIssued".getBytes(StandardCharsets.UTF_8));
            record.headers().add(EventHeaders.EVENT_ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            producer.send(record);
            producer.flush();
        }

        ConsumerRecord<String, String> dead = awaitRecords(Topics.deadLetter(Topics.TICKET_EVENTS), r -> poison.equals(r.value()), 1).get(0);

        assertThat(dead.key()).isEqualTo("some-ticket");
        assertThat(header(dead, EventHeaders.DLT_ERROR)).isNotBlank();
        assertThat(header(dead, EventHeaders.EVENT_TYPE)).isEqualTo("TicketIssued");
    }

    private static ProducerRecord<String, String> ticketIssued(String eventId, String ticketId, String registrationId) {
        TicketIssued issued = new TicketIssued(ticketId, registrationId, "b2b-industrial-2017", "COMPANY",
                "Lucía Fernández Ortega", "Metalúrgica La Mancha S.L.", "1A2B", null, null, Instant.now());
        // one key for all three, so they share a partition and arrive in order
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.TICKET_EVENTS, "ordering-key", JSON.writeValueAsString(issued));
        record.headers().add(EventHeaders.EVENT_TYPE, "TicketIssued".getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_ID, eventId.getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
