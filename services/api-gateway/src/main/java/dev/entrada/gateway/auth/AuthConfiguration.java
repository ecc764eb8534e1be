package dev.entrada.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.core.env.Environment;

import dev.entrada.identity.Caller;
import dev.entrada.identity.Role;
import dev.entrada.identity.ServiceTokens;

/** Sign-in wiring; refuses to start without the service token secret or the start-up passwords. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
@EnableScheduling
public class AuthConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** @throws IllegalArgumentException (no start) without ENTRADA_SERVICE_TOKEN_SECRET of at least 32 characters */
    @Bean
    ServiceTokens serviceTokens(@Value("${entrada.service-token-secret:}") String secret) {
        return new ServiceTokens(secret);
    }

    @Bean
    SessionFilter sessionFilter(AuthService auth, Environment environment) {
        List<String> audited = Binder.get(environment).bind("entrada.audit.paths", Bindable.listOf(String.class))
                .orElse(List.of());
        return new SessionFilter(auth, audited);
    }

    @Bean
    CallerHeaderFilter callerHeaderFilter(ServiceTokens tokens, Clock clock) {
        return new CallerHeaderFilter(tokens, clock);
    }

    /** The accounts every installation has, ensured before the gateway takes requests. */
    @Bean
    StartupAccounts startupAccounts(AuthService auth, AuthProperties properties) {
        String organizer = required("ENTRADA_ORGANIZER_PASSWORD", properties.organizerPassword());
        String staff = required("ENTRADA_STAFF_PASSWORD", properties.staffPassword());
        String admin = properties.adminPassword() == null || properties.adminPassword().isEmpty() ? null
                : required("ENTRADA_ADMIN_PASSWORD", properties.adminPassword());
        auth.ensureAccount("organizer", organizer, Role.ORGANIZER, List.of());
        auth.ensureAccount("staff", staff, Role.STAFF, List.of(Caller.ALL_EVENTS));
        if (admin != null) {
            auth.ensureAccount("admin", admin, Role.ADMIN, List.of());
        }
        return new StartupAccounts(admin != null);
    }

    /** What start-up ensured. */
    public record StartupAccounts(boolean admin) {
    }

    static String required(String name, String password) {
        if (password == null || password.length() < AuthProperties.MIN_PASSWORD_LENGTH) {
            throw new IllegalStateException(name + " must be set to at least " + AuthProperties.MIN_PASSWORD_LENGTH
                    + " characters (the launcher generates one; Compose and Kubernetes need it set)");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > AuthProperties.MAX_PASSWORD_BYTES) {
            throw new IllegalStateException(name + " may be at most " + AuthProperties.MAX_PASSWORD_BYTES
                    + " bytes (bcrypt reads no further)");
        }
        return password;
    }
}
