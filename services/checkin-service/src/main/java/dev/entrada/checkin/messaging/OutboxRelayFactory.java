package dev.entrada.checkin.messaging;

import dev.entrada.outbox.OutboxRelay;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;

import javax.sql.DataSource;

@Factory
class OutboxRelayFactory {

    /** Started with the application, so rows left by a previous run are published at once. */
    @Context
    @Bean(preDestroy = "close")
    OutboxRelay outboxRelay(DataSource dataSource,
                            @Value("${kafka.bootstrap.servers}") String bootstrapServers,
                            @Value("${micronaut.application.name}") String applicationName) {
        // The relay manages its own connections, outside any Micronaut transaction.
        return new OutboxRelay(DelegatingDataSource.unwrapDataSource(dataSource), bootstrapServers, applicationName).start();
    }
}
