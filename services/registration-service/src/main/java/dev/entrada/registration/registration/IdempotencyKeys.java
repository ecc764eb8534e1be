package dev.entrada.registration.registration;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The first answer to each {@code Idempotency-Key}, stored in the transaction that created the
 * registration. It holds the access token, so it is kept only for a day: long enough for a client
 * to retry, short enough not to become a second store of tokens.
 */
@Repository
class IdempotencyKeys {
    static final Duration KEPT = Duration.ofHours(24);

    record StoredAnswer(String requestHash, int httpStatus, String body) {
    }

    private final JdbcTemplate jdbc;

    IdempotencyKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredAnswer> find(String key, String eventId) {
        return jdbc.query("SELECT request_hash, http_status, response FROM idempotency_keys"
                                + " WHERE idempotency_key = ? AND event_id = ? AND created_at > ?",
                        (rs, n) -> new StoredAnswer(rs.getString("request_hash"), rs.getInt("http_status"), rs.getString("response")),
                        key, eventId, Timestamp.from(Instant.now().minus(KEPT)))
                .stream().findFirst();
    }

    void save(String key, String eventId, String requestHash, int httpStatus, String body) {
        jdbc.update("INSERT INTO idempotency_keys (idempotency_key, event_id, request_hash, http_status, response, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", key, eventId, requestHash, httpStatus, body, Timestamp.from(Instant.now()));
    }

    @Scheduled(fixedDelay = 3_600_000, initialDelay = 60_000)
    void purgeExpired() {
        jdbc.update("DELETE FROM idempotency_keys WHERE created_at <= ?", Timestamp.from(Instant.now().minus(KEPT)));
    }
}
