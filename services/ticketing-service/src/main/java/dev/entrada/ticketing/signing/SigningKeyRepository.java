package dev.entrada.ticketing.signing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

@Repository
class SigningKeyRepository {
    private final JdbcClient jdbc;

    SigningKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Active keys, newest first. */
    List<SigningKey> findActive() {
        return jdbc.sql("SELECT key_id, public_key, private_key, created_at, retired_at FROM signing_keys"
                        + " WHERE retired_at IS NULL ORDER BY created_at DESC, key_id")
                .query(SigningKeyRepository::map).list();
    }

    /** Every key, active and retired, oldest first. */
    List<SigningKey> findAll() {
        return jdbc.sql("SELECT key_id, public_key, private_key, created_at, retired_at FROM signing_keys"
                        + " ORDER BY created_at, key_id")
                .query(SigningKeyRepository::map).list();
    }

    Optional<SigningKey> findById(String keyId) {
        return jdbc.sql("SELECT key_id, public_key, private_key, created_at, retired_at FROM signing_keys WHERE key_id = ?")
                .param(keyId).query(SigningKeyRepository::map).optional();
    }

    /** @return false when the key was already retired (or does not exist) */
    boolean retire(String keyId, Instant at) {
        return jdbc.sql("UPDATE signing_keys SET retired_at = ? WHERE key_id = ? AND retired_at IS NULL")
                .params(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), keyId)
                .update() == 1;
    }

    boolean exists(String keyId) {
        return jdbc.sql("SELECT COUNT(*) FROM signing_keys WHERE key_id = ?").param(keyId).query(Long.class).single() > 0;
    }

    void insert(SigningKey key) {
        jdbc.sql("INSERT INTO signing_keys (key_id, algorithm, public_key, private_key, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(key.keyId(), SigningKey.ALGORITHM, key.publicKey(), key.privateKey(),
                        OffsetDateTime.ofInstant(key.createdAt(), ZoneOffset.UTC))
                .update();
    }

    private static SigningKey map(ResultSet row, int n) throws SQLException {
        return new SigningKey(row.getString("key_id"), row.getString("public_key"), row.getString("private_key"),
                instant(row, "created_at"), instant(row, "retired_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
