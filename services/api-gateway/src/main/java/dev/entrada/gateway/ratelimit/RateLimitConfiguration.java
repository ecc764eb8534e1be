package dev.entrada.gateway.ratelimit;

import java.net.InetSocketAddress;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;

import dev.entrada.gateway.auth.Session;
import dev.entrada.gateway.auth.SessionFilter;
import reactor.core.publisher.Mono;

/**
 * The rate limiter and the keys it counts by. Redis is used when configured: {@code REDIS_URL}
 * ({@code entrada.rate-limit.redis-url}), or Spring's own {@code spring.data.redis.host}/{@code url}.
 */
@Configuration(proxyBeanMethods = false)
public class RateLimitConfiguration {

    /** REDIS_URL given: the connection Spring Data Redis (and so the gateway's RedisRateLimiter) uses. */
    @Bean
    @ConditionalOnExpression("'${entrada.rate-limit.redis-url:}' != ''")
    LettuceConnectionFactory redisConnectionFactory(@Value("${entrada.rate-limit.redis-url}") String url) {
        return new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(url));
    }

    @Bean
    @Primary
    EntradaRateLimiter entradaRateLimiter(ConfigurationService configurationService, Environment environment,
                                          ObjectProvider<RedisRateLimiter> redis,
                                          @Value("${entrada.rate-limit.key-prefix:entrada}") String keyPrefix,
                                          @Value("${entrada.rate-limit.sign-in.replenish-rate:0.5}") double signInRate,
                                          @Value("${entrada.rate-limit.sign-in.burst-capacity:20}") long signInBurst) {
        boolean redisConfigured = StringUtils.hasText(environment.getProperty("entrada.rate-limit.redis-url"))
                || StringUtils.hasText(environment.getProperty("spring.data.redis.host"))
                || StringUtils.hasText(environment.getProperty("spring.data.redis.url"));
        RedisRateLimiter redisLimiter = redisConfigured ? redis.getIfAvailable() : null;
        if (redisConfigured && redisLimiter == null) {
            throw new IllegalStateException("Redis is configured but Spring Cloud Gateway's RedisRateLimiter is not available");
        }
        return new EntradaRateLimiter(configurationService, keyPrefix, redisLimiter,
                new EntradaRateLimiter.Config().setReplenishRate(signInRate).setBurstCapacity(signInBurst));
    }

    /** Per client address (registrations, sign-in attempts). */
    @Bean
    @Primary
    KeyResolver clientAddressKeyResolver() {
        return exchange -> Mono.just("addr:" + clientAddress(exchange));
    }

    /** Per sign-in session (a scanner device has its own), else per client address (scans). */
    @Bean
    KeyResolver sessionKeyResolver() {
        return exchange -> {
            Session session = exchange.getAttribute(SessionFilter.SESSION_ATTRIBUTE);
            return Mono.just(session != null ? "session:" + session.id() : "addr:" + clientAddress(exchange));
        };
    }

    /**
     * The address the request came from. Behind a reverse proxy set {@code server.forward-headers-strategy}
     * so that this is the client's, not the proxy's.
     */
    public static String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
