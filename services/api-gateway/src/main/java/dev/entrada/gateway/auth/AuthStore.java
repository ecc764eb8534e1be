package dev.entrada.gateway.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.entrada.identity.Role;

/**
 * Accounts, sessions and the audit log in the gateway's database. Blocking JDBC: callers run it on
 * {@code Schedulers.boundedElastic()} ({@link AuthService}), never on the event loop.
 */
@Component
public class AuthStore {

    /** An audit entry as stored. */
    public record AuditEntry(long id, Instant at, String username, String role, String sessionId, String method,
                             String path, int status, String action) {
    }

    private static final String SESSION_COLUMNS = "s.id, s.username, a.role, a.events, s.kind, s.device_label, "
            + "s.created_at, s.last_used_at, s.expires_at, s.revoked_at";

    private final JdbcTemplate jdbc;

    public AuthStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ---- accounts ----

    public Optional<Account> account(String username) {
        return jdbc.query("select * from accounts where username = ?", AuthStore::account, username).stream().findFirst();
    }

    public Optional<String> passwordHash(String username) {
        return jdbc.queryForList("select password_hash from accounts where username = ?", String.class, username)
                .stream().findFirst();
    }

    public List<Account> accounts() {
        return jdbc.query("select * from accounts order by username", AuthStore::account);
    }

    /** @return false when the user name is taken */
    public boolean createAccount(String username, String hash, Role role, List<String> events, Instant now, String createdBy) {
        try {
            jdbc.update("insert into accounts (username, password_hash, role, events, created_at, created_by) "
                    + "values (?, ?, ?, ?, ?, ?)", username, hash, role.name(), String.join(",", events), at(now), createdBy);
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    /** A new password; clears the failure count and any lock. */
    public void setPassword(String username, String hash) {
        jdbc.update("update accounts set password_hash = ?, failed_attempts = 0, locked_until = null where username = ?",
                hash, username);
    }

    public void updateRoleAndEvents(String username, Role role, List<String> events) {
        jdbc.update("update accounts set role = ?, events = ? where username = ?", role.name(), String.join(",", events), username);
    }

    /** Deletes the account and (cascade) its sessions. */
    public boolean deleteAccount(String username) {
        return jdbc.update("delete from accounts where username = ?", username) == 1;
    }

    /**
     * Counts a failed sign-in; the {@code maxFailures}-th in a row locks the account until {@code lockUntil}
     * and starts the count again.
     *
     * @return the failures in a row after this one (0 when this one locked the account)
     */
    @Transactional
    public int recordFailure(String username, int maxFailures, Instant lockUntil) {
        jdbc.update("update accounts set "
                        + "locked_until = case when failed_attempts + 1 >= ? then ? else locked_until end, "
                        + "failed_attempts = case when failed_attempts + 1 >= ? then 0 else failed_attempts + 1 end "
                        + "where username = ?",
                maxFailures, at(lockUntil), maxFailures, username);
        return jdbc.queryForList("select failed_attempts from accounts where username = ?", Integer.class, username)
                .stream().findFirst().orElse(0);
    }

    public void recordSuccess(String username) {
        jdbc.update("update accounts set failed_attempts = 0, locked_until = null where username = ?", username);
    }

    // ---- sessions ----

    public void createSession(String id, String tokenHash, String username, String kind, String deviceLabel,
                              Instant now, Instant expires) {
        jdbc.update("insert into sessions (id, token_hash, username, kind, device_label, created_at, last_used_at, expires_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?)", id, tokenHash, username, kind, deviceLabel, at(now), at(now), at(expires));
    }

    public Optional<Session> sessionByTokenHash(String tokenHash) {
        return jdbc.query("select " + SESSION_COLUMNS + " from sessions s join accounts a on a.username = s.username "
                + "where s.token_hash = ?", AuthStore::session, tokenHash).stream().findFirst();
    }

    public Optional<Session> session(String id) {
        return jdbc.query("select " + SESSION_COLUMNS + " from sessions s join accounts a on a.username = s.username "
                + "where s.id = ?", AuthStore::session, id).stream().findFirst();
    }

    /** Sessions neither revoked nor expired, most recently used first. */
    public List<Session> activeSessions(Instant now) {
        return jdbc.query("select " + SESSION_COLUMNS + " from sessions s join accounts a on a.username = s.username "
                + "where s.revoked_at is null and s.expires_at > ? order by s.last_used_at desc", AuthStore::session, at(now));
    }

    public void touch(String id, Instant now) {
        jdbc.update("update sessions set last_used_at = ? where id = ?", at(now), id);
    }

    /** @return false when the session does not exist or was revoked already */
    public boolean revoke(String id, Instant now, String by) {
        return jdbc.update("update sessions set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null",
                at(now), by, id) == 1;
    }

    /** Forgets sessions that ended (expired or revoked) before {@code before}. */
    public int purgeSessions(Instant before) {
        return jdbc.update("delete from sessions where expires_at < ? or revoked_at < ?", at(before), at(before));
    }

    // ---- audit ----

    public void audit(Instant at, String username, Role role, String sessionId, String method, String path, int status,
                      String action) {
        jdbc.update("insert into audit_log (at, username, role, session_id, method, path, status, action) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)",
                at(at), username, role != null ? role.name() : null, sessionId, method, truncate(path, 500), status,
                truncate(action, 100));
    }

    /** Newest first; {@code beforeId} pages back (null = from the newest). */
    public List<AuditEntry> auditEntries(int limit, Long beforeId) {
        RowMapper<AuditEntry> mapper = (rs, n) -> new AuditEntry(rs.getLong("id"), instant(rs, "at"),
                rs.getString("username"), rs.getString("role"), rs.getString("session_id"), rs.getString("method"),
                rs.getString("path"), rs.getInt("status"), rs.getString("action"));
        return beforeId == null
                ? jdbc.query("select * from audit_log order by id desc limit ?", mapper, limit)
                : jdbc.query("select * from audit_log where id < ? order by id desc limit ?", mapper, beforeId, limit);
    }

    // ---- mapping ----

    private static Account account(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getString("username"), Role.valueOf(rs.getString("role")), events(rs.getString("events")),
                rs.getInt("failed_attempts"), instant(rs, "locked_until"), instant(rs, "created_at"),
                rs.getString("created_by"));
    }

    private static Session session(ResultSet rs, int row) throws SQLException {
        return new Session(rs.getString("id"), rs.getString("username"), Role.valueOf(rs.getString("role")),
                events(rs.getString("events")), rs.getString("kind"), rs.getString("device_label"),
                instant(rs, "created_at"), instant(rs, "last_used_at"), instant(rs, "expires_at"),
                instant(rs, "revoked_at"));
    }

    private static List<String> events(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value != null ? value.toInstant() : null;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant != null ? instant.atOffset(ZoneOffset.UTC) : null;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
