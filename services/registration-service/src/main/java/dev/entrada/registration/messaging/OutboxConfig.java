package dev.entrada.registration.messaging;

import dev.entrada.outbox.OutboxRelay;
import io.opentelemetry.api.OpenTelemetry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

@Configuration(proxyBeanMethods = false)
class OutboxConfig {

    /** Started once Flyway has created the outbox table; closed (flushing its producer) on shutdown. */
    @Bean(destroyMethod = "close")
    @DependsOnDatabaseInitialization
    OutboxRelay outboxRelay(DataSource dataSource, KafkaProperties kafka, OpenTelemetry openTelemetry) {
        return new OutboxRelay(dataSource, String.join(",", kafka.getBootstrapServers()), "registration-service", openTelemetry).start();
    }

    /** {@code entrada_outbox_backlog}: rows written but not yet acknowledged by Kafka (one COUNT per scrape). */
    @Bean
    MeterBinder outboxBacklog(OutboxRelay relay) {
        return registry -> Gauge.builder("entrada.outbox.backlog", relay, OutboxRelay::backlog)
                .description("Outbox rows not yet published to Kafka")
                .register(registry);
    }
}
