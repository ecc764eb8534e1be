package dev.entrada.checkin.security;

import dev.entrada.identity.ServiceTokens;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service does not start without ENTRADA_SERVICE_TOKEN_SECRET (or with a short one), and reads it from there. */
class ServiceTokenSecretTest {

    private static Map<String, Object> properties(String secret) {
        return Map.of(
                "entrada.service-token-secret", secret,
                "datasources.default.url", "jdbc:h2:mem:secret-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "kafka.bootstrap.servers", "127.0.0.1:9",
                "micronaut.server.port", "-1");
    }

    @Test
    void withoutTheSecretTheServiceRefusesToStart() {
        for (String secret : new String[] {"", "too-short"}) {
            assertThatThrownBy(() -> ApplicationContext.run(properties(secret)).close())
                    .hasStackTraceContaining("ENTRADA_SERVICE_TOKEN_SECRET");
        }
    }

    @Test
    void theSecretComesFromTheEnvironmentVariable() {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .properties(Map.of("ENTRADA_SERVICE_TOKEN_SECRET", "x".repeat(40))).build()) {
            assertThat(context.getEnvironment().start().getProperty("entrada.service-token-secret", String.class))
                    .contains("x".repeat(40));
        }
        assertThat(ServiceTokens.MIN_SECRET_LENGTH).isEqualTo(32);
    }
}
