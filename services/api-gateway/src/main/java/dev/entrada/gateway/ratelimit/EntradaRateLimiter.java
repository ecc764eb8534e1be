package dev.entrada.gateway.ratelimit;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.cloud.gateway.filter.ratelimit.AbstractRateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;

import reactor.core.publisher.Mono;

/**
 * The rate limiter of every {@code RequestRateLimiter} route filter (and of sign-in attempts): a token
 * bucket per route and key, kept in this process, or in Redis through Spring Cloud Gateway's
 * {@link RedisRateLimiter} when Redis is configured (then every gateway instance shares the buckets).
 * Route arguments: {@code entrada-rate-limiter.replenishRate} (tokens per second, may be a fraction) and
 * {@code entrada-rate-limiter.burstCapacity}. A denied answer carries {@code Retry-After} (seconds).
 */
public class EntradaRateLimiter extends AbstractRateLimiter<EntradaRateLimiter.Config> {

    public static final String CONFIGURATION_PROPERTY_NAME = "entrada-rate-limiter";
    /** The pseudo route id of sign-in attempts (the sign-in endpoint is the gateway's own, not a route). */
    public static final String SIGN_IN = "sign-in";

    /** One limit. */
    public static class Config {
        private double replenishRate = 1;
        private long burstCapacity = 1;

        public double getReplenishRate() {
            return replenishRate;
        }

        public Config setReplenishRate(double replenishRate) {
            if (!(replenishRate > 0)) {
                throw new IllegalArgumentException("replenishRate must be above 0");
            }
            this.replenishRate = replenishRate;
            return this;
        }

        public long getBurstCapacity() {
            return burstCapacity;
        }

        public Config setBurstCapacity(long burstCapacity) {
            if (burstCapacity < 1) {
                throw new IllegalArgumentException("burstCapacity must be at least 1");
            }
            this.burstCapacity = burstCapacity;
            return this;
        }

        @Override
        public String toString() {
            return "replenishRate=" + replenishRate + "/s, burstCapacity=" + burstCapacity;
        }
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(long capacity, long now) {
            this.tokens = capacity;
            this.refilledAt = now;
        }

        /** @return 0 when a token was taken, otherwise the nanoseconds until one is there */
        synchronized long take(Config config, long now) {
            tokens = Math.min(config.burstCapacity, tokens + (now - refilledAt) / 1e9 * config.replenishRate);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / config.replenishRate * 1e9);
        }

        synchronized boolean fullAt(Config config, long now) {
            return tokens + (now - refilledAt) / 1e9 * config.replenishRate >= config.burstCapacity;
        }
    }

    private static final int SWEEP_EVERY = 10_000;

    private final String keyPrefix;
    private final RedisRateLimiter redis;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    /**
     * @param redis null for the in-process buckets
     */
    public EntradaRateLimiter(ConfigurationService configurationService, String keyPrefix, RedisRateLimiter redis,
                              Config signIn) {
        super(Config.class, CONFIGURATION_PROPERTY_NAME, configurationService);
        this.keyPrefix = keyPrefix;
        this.redis = redis;
        getConfig().put(SIGN_IN, signIn);
    }

    public boolean usesRedis() {
        return redis != null;
    }

    @Override
    public Mono<Response> isAllowed(String routeId, String id) {
        Config config = getConfig().get(routeId);
        if (config == null) {
            throw new IllegalArgumentException("No rate limit configured for route " + routeId);
        }
        String key = keyPrefix + ":" + id;
        if (redis != null) {
            redis.getConfig().computeIfAbsent(routeId, route -> redisConfig(config));
            return redis.isAllowed(routeId, key).map(response -> response.isAllowed() ? response
                    : denied(response.getHeaders(), (long) Math.ceil(1e9 / config.getReplenishRate())));
        }
        long now = System.nanoTime();
        sweep(now);
        long wait = buckets.computeIfAbsent(routeId + "|" + key, k -> new Bucket(config.getBurstCapacity(), now))
                .take(config, now);
        return Mono.just(wait == 0 ? new Response(true, Map.of()) : denied(Map.of(), wait));
    }

    /**
     * The RedisRateLimiter counts whole tokens per second: a rate below 1 per second becomes 1 token per
     * second with each request costing 1/rate tokens (and the burst scaled alike).
     */
    static RedisRateLimiter.Config redisConfig(Config config) {
        if (config.getReplenishRate() >= 1) {
            int rate = (int) Math.round(config.getReplenishRate());
            return new RedisRateLimiter.Config().setReplenishRate(rate)
                    .setBurstCapacity(Math.max(config.getBurstCapacity(), rate)).setRequestedTokens(1);
        }
        int cost = (int) Math.ceil(1 / config.getReplenishRate());
        return new RedisRateLimiter.Config().setReplenishRate(1)
                .setBurstCapacity(config.getBurstCapacity() * cost).setRequestedTokens(cost);
    }

    private static Response denied(Map<String, String> headers, long waitNanos) {
        Map<String, String> withRetry = new HashMap<>(headers);
        withRetry.put("Retry-After", Long.toString(Math.max(1, (long) Math.ceil(waitNanos / 1e9))));
        return new Response(false, withRetry);
    }

    /** Forgets full buckets now and then: they behave exactly like a new one. */
    private void sweep(long now) {
        if (calls.incrementAndGet() % SWEEP_EVERY != 0) {
            return;
        }
        buckets.entrySet().removeIf(entry -> {
            Config config = getConfig().get(entry.getKey().substring(0, entry.getKey().indexOf('|')));
            return config == null || entry.getValue().fullAt(config, now);
        });
    }
}
