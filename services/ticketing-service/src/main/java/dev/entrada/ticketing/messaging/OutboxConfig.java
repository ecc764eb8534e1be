package dev.entrada.ticketing.messaging;

import dev.entrada.outbox.OutboxRelay;
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
                            @Value("${spring.application.name}") String applicationName) {
        return new OutboxRelay(dataSource, bootstrapServers, applicationName).start();
    }
}
