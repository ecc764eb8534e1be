package dev.entrada.checkin.config;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings every service shares (docs/decisions.md) resolve as documented. */
class ConfigurationDefaultsTest {

    @Test
    void withoutDbUrlTheDatabaseIsAnH2FileInPostgresModeUnderTheDataDir() {
        try (ApplicationContext context = ApplicationContext.builder().properties(Map.of("ENTRADA_DATA_DIR", "/srv/entrada")).build()) {
            Environment environment = context.getEnvironment().start();

            assertThat(environment.getProperty("datasources.default.url", String.class)).contains(
                    "jdbc:h2:file:/srv/entrada/checkin-service/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
            assertThat(environment.getProperty("datasources.default.username", String.class)).contains("sa");
            assertThat(environment.getProperty("kafka.bootstrap.servers", String.class)).contains("127.0.0.1:9092");
            assertThat(environment.getProperty("micronaut.server.port", Integer.class)).contains(8083);
        }
    }

    @Test
    void dbUrlAndPortOverrideTheDefaults() {
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("DB_URL", "jdbc:postgresql://db:5432/checkin", "PORT", "9999", "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"))
                .build()) {
            Environment environment = context.getEnvironment().start();

            assertThat(environment.getProperty("datasources.default.url", String.class)).contains("jdbc:postgresql://db:5432/checkin");
            assertThat(environment.getProperty("micronaut.server.port", Integer.class)).contains(9999);
            assertThat(environment.getProperty("kafka.bootstrap.servers", String.class)).contains("kafka:9092");
        }
    }
}
