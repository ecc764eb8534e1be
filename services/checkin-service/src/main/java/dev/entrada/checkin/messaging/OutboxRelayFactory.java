package dev.entrada.checkin.messaging;

import dev.entrada.outbox.OutboxRelay;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.opentelemetry.api.OpenTelemetry;

import javax.sql.DataSource;

@Factory
class OutboxRelayFactory {

    /**
     * Started with the application, so rows left by a previous run are published at once. Its backlog is the
     * gauge {@code entrada_outbox_backlog} (rows not yet acknowledged by Kafka; one COUNT per scrape), registered
     * here rather than by a {@code MeterBinder} bean: such a binder would need the relay while the registry
     * is being built, and the relay's DataSource needs the registry (a cycle).
     */
    @Context
    @Bean(preDestroy = "close")
    OutboxRelay outboxRelay(DataSource dataSource,
                            @Value("${kafka.bootstrap.servers}") String bootstrapServers,
                            @Value("${micronaut.application.name}") String applicationName,
                            MeterRegistry registry,
                            OpenTelemetry openTelemetry) {
        // The relay manages its own connections, outside any Micronaut transaction.
        OutboxRelay relay = new OutboxRelay(DelegatingDataSource.unwrapDataSource(dataSource), bootstrapServers, applicationName, openTelemetry).start();
        Gauge.builder("entrada.outbox.backlog", relay, OutboxRelay::backlog)
                .description("Outbox rows not yet published to Kafka")
                .register(registry);
        return relay;
    }
}
