package dev.entrada.registration.registration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * At most {@code entrada.registration.attempts-per-email} registrations per e-mail address within
 * {@code attempts-window}, so nobody can flood one mailbox with registrations and tickets. Counted in
 * the registration's transaction on one locked row per address, so the limit holds exactly across
 * instances, and an attempt that registers nothing (a duplicate, a full event: rolled back) does not
 * count. The limit per client address is the gateway's.
 */
@Repository
class RegistrationAttempts {
    /** What the limit may be configured to at the most: the row keeps one time per attempt. */
    static final int MAX_LIMIT = 250;

    private final JdbcTemplate jdbc;
    private final int limit;
    private final Duration window;

    RegistrationAttempts(JdbcTemplate jdbc,
                         @Value("${entrada.registration.attempts-per-email:5}") int limit,
                         @Value("${entrada.registration.attempts-window:1h}") Duration window) {
        if (limit < 1 || limit > MAX_LIMIT || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("entrada.registration.attempts-per-email must be 1.." + MAX_LIMIT
                    + " and attempts-window positive");
        }
        this.jdbc = jdbc;
        this.limit = limit;
        this.window = window;
    }

    /**
     * Makes sure the address has its row (in a transaction of its own, so that a concurrent insert
     * of the same row cannot abort the registration's transaction).
     *
     * @return the key to pass to {@link #count}
     */
    String prepare(String email) {
        String hash = hashOf(email);
        try {
            jdbc.update("INSERT INTO registration_attempts (email_hash, attempts, last_at) VALUES (?, '', ?) ON CONFLICT DO NOTHING",
                    hash, Timestamp.from(Instant.now()));
        } catch (DuplicateKeyException e) {
            // inserted by another request at the same moment: the row is there, which is all we need
        }
        return hash;
    }

    /**
     * Counts a registration for the address, in the caller's transaction: the row stays locked
     * until it ends, and a rollback (the registration did not happen) takes the count back.
     *
     * @param key from {@link #prepare}
     * @return empty when the registration may go ahead; otherwise how long until the oldest one leaves the window
     */
    Optional<Duration> count(String key) {
        Instant now = Instant.now();
        String stored = jdbc.queryForObject("SELECT attempts FROM registration_attempts WHERE email_hash = ? FOR UPDATE",
                String.class, key);
        long windowStart = now.minus(window).toEpochMilli();
        List<Long> recent = new ArrayList<>(Arrays.stream(stored.split(",")).filter(t -> !t.isEmpty())
                .map(Long::parseLong).filter(t -> t > windowStart).toList());
        if (recent.size() >= limit) {
            Duration wait = Duration.between(now, Instant.ofEpochMilli(recent.get(0)).plus(window));
            return Optional.of(wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait);
        }
        recent.add(now.toEpochMilli());
        jdbc.update("UPDATE registration_attempts SET attempts = ?, last_at = ? WHERE email_hash = ?",
                recent.stream().map(String::valueOf).collect(Collectors.joining(",")), Timestamp.from(now), key);
        return Optional.empty();
    }

    /** How an address is kept here: the SHA-256 of its lower-cased form without a {@code +tag}. */
    static String hashOf(String email) {
        return AccessTokens.hash(key(email));
    }

    /** The address as the limit sees it: trimmed, lower-cased, without a {@code +tag} (one mailbox, one count). */
    static String key(String email) {
        String normalised = RegistrationRules.emailKey(email);
        int at = normalised.lastIndexOf('@');
        int plus = normalised.indexOf('+');
        return plus > 0 && plus < at ? normalised.substring(0, plus) + normalised.substring(at) : normalised;
    }

    @Scheduled(fixedDelay = 600_000, initialDelay = 60_000)
    void purgeExpired() {
        jdbc.update("DELETE FROM registration_attempts WHERE last_at <= ?", Timestamp.from(Instant.now().minus(window)));
    }
}
