package dev.entrada.registration;

import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator sees: the request's correlation id on the events it caused, and the Prometheus endpoint
 * (no caller token needed) with this service's metrics.
 */
class ObservabilityIT extends ServiceTestSupport {

    @Test
    void theRegistrationEventCarriesTheRequestsCorrelationId() {
        String correlationId = "it-" + UUID.randomUUID();

        Response response = send("POST", "/api/events/b2b-industrial-2017/registrations", JSON.writeValueAsString(attendee(uniqueEmail())),
                "X-Correlation-Id", correlationId);

        assertThat(response.status()).isEqualTo(201);
        String registrationId = response.json().get("registrationId").asString();
        ConsumerRecord<String, String> confirmed = awaitRecords(Topics.REGISTRATION_EVENTS, r -> registrationId.equals(r.key()), 1).get(0);
        assertThat(header(confirmed, EventHeaders.EVENT_TYPE)).isEqualTo("RegistrationConfirmed");
        assertThat(header(confirmed, EventHeaders.CORRELATION_ID)).isEqualTo(correlationId);
    }

    @Test
    void aDirectCallWithoutOneGetsAFreshCorrelationId() {
        Response response = register("b2b-industrial-2017", attendee(uniqueEmail()));

        String registrationId = response.json().get("registrationId").asString();
        ConsumerRecord<String, String> confirmed = awaitRecords(Topics.REGISTRATION_EVENTS, r -> registrationId.equals(r.key()), 1).get(0);
        assertThat(UUID.fromString(header(confirmed, EventHeaders.CORRELATION_ID))).isNotNull();
    }

    @Test
    void prometheusEndpointAnswersWithoutACallerWithRequestConsumerAndOutboxMetrics() {
        assertThat(register("b2b-industrial-2017", attendee(uniqueEmail())).status()).isEqualTo(201);

        // the relay publishes right after the commit: the backlog drains to 0
        Response response = await().until(() -> get("/actuator/prometheus"),
                r -> r.body().matches("(?s).*\nentrada_outbox_backlog\\{[^}]*application=\"registration-service\"[^}]*\\} 0\\.0\n.*"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/plain");
        assertThat(response.body())
                .containsPattern("(?m)^http_server_requests_seconds_bucket\\{[^}]*method=\"POST\"[^}]*uri=\"/api/events/\\{eventId\\}/registrations\"")
                .containsPattern("(?m)^kafka_consumer_(fetch_manager_)?records_lag_max\\S*\\{");
    }
}
