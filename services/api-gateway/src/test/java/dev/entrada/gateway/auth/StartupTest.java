package dev.entrada.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

import dev.entrada.gateway.ApiGatewayApplication;
import dev.entrada.gateway.TestSessions;

/** What the gateway needs before it starts, and the start-up accounts following their passwords. */
class StartupTest {

    @Test
    void noStartWithoutTheStaffPassword() {
        assertThatThrownBy(() -> start("--entrada.auth.staff-password=")).hasStackTraceContaining("ENTRADA_STAFF_PASSWORD");
    }

    @Test
    void noStartWithAShortOrganizerPassword() {
        assertThatThrownBy(() -> start("--entrada.auth.organizer-password=elevenchars"))
                .hasStackTraceContaining("ENTRADA_ORGANIZER_PASSWORD");
    }

    @Test
    void noStartWithoutTheServiceTokenSecret() {
        assertThatThrownBy(() -> start("--entrada.service-token-secret=")).hasStackTraceContaining("ENTRADA_SERVICE_TOKEN_SECRET");
    }

    @Test
    void aChangedPasswordReplacesTheStoredOne() {
        String database = "--spring.datasource.url=jdbc:h2:mem:startup-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        try (ConfigurableApplicationContext first = start(database)) {
            assertThat(signIn(first, TestSessions.STAFF_PASSWORD)).isInstanceOf(AuthService.SignIn.Success.class);
        }
        try (ConfigurableApplicationContext second = start(database, "--entrada.auth.staff-password=a-brand-new-password")) {
            assertThat(signIn(second, TestSessions.STAFF_PASSWORD)).isInstanceOf(AuthService.SignIn.Wrong.class);
            assertThat(signIn(second, "a-brand-new-password")).isInstanceOf(AuthService.SignIn.Success.class);
        }
    }

    private static AuthService.SignIn signIn(ConfigurableApplicationContext context, String password) {
        return context.getBean(AuthService.class).signIn("staff", password, null).block();
    }

    private static ConfigurableApplicationContext start(String... args) {
        // Own Netty resources: closing a context that uses Reactor Netty's global ones disposes them under
        // the other test classes' servers and clients in this JVM.
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0"));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(ApiGatewayApplication.class, OwnNettyResources.class)
                .run(all.toArray(String[]::new));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnNettyResources {
        @Bean
        ReactorResourceFactory reactorResourceFactory() {
            ReactorResourceFactory factory = new ReactorResourceFactory();
            factory.setUseGlobalResources(false);
            return factory;
        }
    }
}
