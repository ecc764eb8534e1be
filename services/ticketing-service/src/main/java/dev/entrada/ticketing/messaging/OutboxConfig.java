package dev.entrada.ticketing.messaging;

import dev.entrada.outbox.OutboxRelay;
import io.opentelemetry.api.OpenTelemetry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

@Configuration(proxyBeanMethods = false)
class OutboxConfig {

    /** Closed on shutdown before the DataSource, which it depends on. */
    @Bean(destroyMethod = "close")
    @DependsOnDatabaseInitialization
    OutboxRelay outboxRelay(DataSource dataSource,
                            @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                            @Value("${spring.application.name}") String applicationName,
                            OpenTelemetry openTelemetry) {
        return new OutboxRelay(dataSource, bootstrapServers, applicationName, openTelemetry).start();
    }

    /** {@code entrada_outbox_backlog}: rows written but not yet acknowledged by Kafka (one COUNT per scrape). */
    @Bean
    MeterBinder outboxBacklog(OutboxRelay relay) {
        return registry -> Gauge.builder("entrada.outbox.backlog", relay, OutboxRelay::backlog)
                .description("Outbox rows not yet published to Kafka")
                .register(registry);
    }
}
