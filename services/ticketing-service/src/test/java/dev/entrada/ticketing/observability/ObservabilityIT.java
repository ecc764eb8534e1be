package dev.entrada.ticketing.observability;

import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.Topics;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.ticketing.TicketingServiceTestSupport;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees: the correlation id travelling on (registration event in, ticket event out), and the
 * Prometheus endpoint (no caller token needed) with this service's metrics.
 */
class ObservabilityIT extends TicketingServiceTestSupport {

    @Test
    void theTicketIssuedCarriesTheCorrelationIdOfTheRegistrationEvent() {
        RegistrationConfirmed registration = confirmed(UUID.randomUUID().toString());
        String correlationId = "reg-request-" + UUID.randomUUID();

        publishTo(Topics.REGISTRATION_EVENTS, registration.registrationId(), "RegistrationConfirmed", UUID.randomUUID().toString(),
                json.writeValueAsString(registration), correlationId);

        assertThat(header(awaitTicketIssued(registration.registrationId()), EventHeaders.CORRELATION_ID)).isEqualTo(correlationId);
    }

    @Test
    void anEventWithoutACorrelationIdLeadsToATicketIssuedWithoutOne() {
        RegistrationConfirmed registration = confirmed(UUID.randomUUID().toString());

        publish(registration, UUID.randomUUID().toString());

        assertThat(header(awaitTicketIssued(registration.registrationId()), EventHeaders.CORRELATION_ID)).isNull();
    }

    @Test
    void prometheusEndpointAnswersWithoutACallerWithRequestConsumerAndOutboxMetrics() {
        RegistrationConfirmed registration = confirmed(UUID.randomUUID().toString());
        publish(registration, UUID.randomUUID().toString());
        awaitTicketIssued(registration.registrationId());
        get("/api/tickets/" + UUID.randomUUID() + "?token=" + SAMPLE_TOKEN);

        HttpResponse<byte[]> response = get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(text(response))
                .containsPattern("(?m)^entrada_outbox_backlog\\{[^}]*application=\"ticketing-service\"[^}]*\\} \\d")
                .containsPattern("(?m)^http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/tickets/\\{ticketId\\}\"")
                .containsPattern("(?m)^kafka_consumer_(fetch_manager_)?records_lag_max\\S*\\{");
    }
}
