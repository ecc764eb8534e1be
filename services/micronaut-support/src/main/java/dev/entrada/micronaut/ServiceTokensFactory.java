package dev.entrada.micronaut;

import dev.entrada.identity.ServiceTokens;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;

@Factory
class ServiceTokensFactory {

    /**
     * Built with the application ({@code @Context}), so the service refuses to start when
     * {@code ENTRADA_SERVICE_TOKEN_SECRET} is missing or shorter than 32 characters.
     */
    @Context
    ServiceTokens serviceTokens(@Value("${entrada.service-token-secret:}") String secret) {
        return new ServiceTokens(secret);
    }
}
