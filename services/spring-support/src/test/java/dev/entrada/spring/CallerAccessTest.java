package dev.entrada.spring;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class CallerAccessTest {
    private final WebApplicationContextRunner context = new WebApplicationContextRunner().withUserConfiguration(CallerAccess.class);

    @Test
    void theServiceDoesNotStartWithoutTheServiceTokenSecret() {
        context.run(started -> assertThat(started).hasFailed()
                .getFailure().rootCause().hasMessageContaining("ENTRADA_SERVICE_TOKEN_SECRET"));
        context.withPropertyValues("entrada.service-token-secret=too-short")
                .run(started -> assertThat(started).hasFailed());
        context.withPropertyValues("entrada.service-token-secret=" + "x".repeat(32))
                .run(started -> assertThat(started).hasNotFailed());
    }
}
