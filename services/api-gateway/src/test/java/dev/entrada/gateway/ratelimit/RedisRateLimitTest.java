package dev.entrada.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.entrada.gateway.StandInBackend;

/**
 * The same limits kept in Redis (Spring Cloud Gateway's RedisRateLimiter), against the Redis at
 * {@code REDIS_TEST_URL} (default redis://127.0.0.1:6379), with a key prefix of its own. Skipped when no
 * Redis answers there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ENTRADA_RATE_REGISTRATION_PER_SECOND=0.05", "ENTRADA_RATE_REGISTRATION_BURST=3"})
class RedisRateLimitTest {

    static final String REDIS = System.getenv().getOrDefault("REDIS_TEST_URL", "redis://127.0.0.1:6379");
    static final String PREFIX = "entrada-test-" + UUID.randomUUID();
    static final StandInBackend registration = StandInBackend.start("registration");

    @BeforeAll
    static void redisAnswers() {
        java.net.URI uri = java.net.URI.create(REDIS);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort()), 1000);
        } catch (IOException e) {
            assumeTrue(false, "no Redis at " + REDIS);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("REGISTRATION_URL", registration::url);
        registry.add("REDIS_URL", () -> REDIS);
        registry.add("entrada.rate-limit.key-prefix", () -> PREFIX);
    }

    @AfterAll
    static void stopBackend() {
        registration.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    EntradaRateLimiter limiter;

    @Autowired
    ReactiveStringRedisTemplate redis;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void registrationsAreLimitedInRedis() {
        assertThat(limiter.usesRedis()).isTrue();
        RateLimitAssertions.fourthRegistrationIsRefused(client, registration);
        assertThat(redis.keys("request_rate_limiter.{registration-create." + PREFIX + ":*").collectList()
                .block(Duration.ofSeconds(5))).isNotEmpty();
    }
}
