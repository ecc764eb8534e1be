package dev.entrada.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;

import dev.entrada.identity.Role;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sign-in, sessions and accounts. Everything that touches the database or bcrypt runs on
 * {@code boundedElastic}, never on the event loop.
 *
 * <p>Session tokens are 256 random bits (base64url); only their SHA-256 is stored. A looked-up session is
 * reused for at most {@code entrada.auth.session-cache} (default 5 s): that is how long a revocation made
 * through another gateway instance can take to bite; on this instance it bites at once.
 */
@Service
public class AuthService {

    /** The outcome of a sign-in attempt. */
    public sealed interface SignIn {
        record Success(String token, Session session) implements SignIn {
        }

        /** Unknown user or wrong password (the same answer for both). */
        record Wrong(int failuresInARow) implements SignIn {
        }

        record Locked(Instant until) implements SignIn {
        }
    }

    private record Cached(Optional<Session> session, Instant fetchedAt) {
    }

    static final int MAX_TOKEN_LENGTH = 200;
    private static final int CACHE_LIMIT = 10_000;
    private static final Duration TOUCH_EVERY = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AuthStore store;
    private final AuthProperties properties;
    private final Clock clock;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    private final String dummyHash;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public AuthService(AuthStore store, AuthProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.dummyHash = bcrypt.encode(randomToken());
    }

    public AuthProperties properties() {
        return properties;
    }

    // ---- sign-in ----

    public Mono<SignIn> signIn(String username, String password, String deviceLabel) {
        return blocking(() -> signInNow(username, password, deviceLabel));
    }

    private SignIn signInNow(String username, String password, String deviceLabel) {
        Instant now = clock.instant();
        Optional<Account> account = store.account(username);
        Optional<String> hash = store.passwordHash(username);
        if (account.isEmpty() || hash.isEmpty()) {
            matches(password, dummyHash); // as slow as a real check: no telling unknown users from wrong passwords
            return new SignIn.Wrong(0);
        }
        if (account.get().lockedAt(now)) {
            matches(password, dummyHash);
            return new SignIn.Locked(account.get().lockedUntil());
        }
        if (!matches(password, hash.get())) {
            Instant lockUntil = now.plus(properties.lockDuration());
            int failures = store.recordFailure(username, properties.maxFailures(), lockUntil);
            return failures == 0 ? new SignIn.Locked(lockUntil) : new SignIn.Wrong(failures);
        }
        store.recordSuccess(username);
        boolean device = deviceLabel != null;
        String token = randomToken();
        String id = UUID.randomUUID().toString();
        store.createSession(id, sha256(token), username, device ? Session.DEVICE : Session.BROWSER, deviceLabel, now,
                now.plus(device ? properties.deviceSession() : properties.browserSession()));
        return new SignIn.Success(token, store.session(id).orElseThrow());
    }

    /** How long to hold back the answer to a failed sign-in: doubles with each failure in a row. */
    public Duration failureDelay(int failuresInARow) {
        if (failuresInARow <= 0) {
            return properties.failureDelay();
        }
        long factor = 1L << Math.min(failuresInARow - 1, 20);
        Duration delay = properties.failureDelay().multipliedBy(factor);
        return delay.compareTo(properties.failureDelayMax()) > 0 ? properties.failureDelayMax() : delay;
    }

    private boolean matches(String password, String hash) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > AuthProperties.MAX_PASSWORD_BYTES) {
            bcrypt.matches("x", dummyHash);
            return false;
        }
        return bcrypt.matches(password, hash);
    }

    // ---- sessions ----

    /** The active session a token belongs to; empty for an unknown, expired or revoked token. */
    public Mono<Session> resolve(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Mono.empty();
        }
        String hash = sha256(token);
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached != null && now.isBefore(cached.fetchedAt().plus(properties.sessionCache()))) {
            return Mono.justOrEmpty(cached.session().filter(session -> session.activeAt(now)));
        }
        return blocking(() -> {
            Optional<Session> found = store.sessionByTokenHash(hash);
            if (found.isPresent() && found.get().activeAt(now)
                    && found.get().lastUsedAt().plus(TOUCH_EVERY).isBefore(now)) {
                store.touch(found.get().id(), now);
            }
            if (found.isPresent()) { // unknown tokens are not remembered: a flood of them must not fill memory
                remember(hash, new Cached(found, now));
            }
            return found.filter(session -> session.activeAt(now));
        }).flatMap(Mono::justOrEmpty);
    }

    public Mono<List<Session>> activeSessions() {
        return blocking(() -> store.activeSessions(clock.instant()));
    }

    public Mono<Optional<Session>> session(String id) {
        return blocking(() -> store.session(id));
    }

    /** @return false when there is no such session or it was revoked already */
    public Mono<Boolean> revoke(String sessionId, String by) {
        return blocking(() -> {
            boolean revoked = store.revoke(sessionId, clock.instant(), by);
            forgetSessions(session -> session.id().equals(sessionId));
            return revoked;
        });
    }

    private void remember(String hash, Cached cached) {
        if (cache.size() >= CACHE_LIMIT) {
            Instant now = clock.instant();
            cache.values().removeIf(entry -> !now.isBefore(entry.fetchedAt().plus(properties.sessionCache())));
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
        }
        cache.put(hash, cached);
    }

    private void forgetSessions(java.util.function.Predicate<Session> which) {
        cache.values().removeIf(entry -> entry.session().filter(which).isPresent());
    }

    // ---- accounts ----

    public Mono<List<Account>> accounts() {
        return blocking(store::accounts);
    }

    public Mono<Optional<Account>> account(String username) {
        return blocking(() -> store.account(username));
    }

    /** @return false when the user name is taken */
    public Mono<Boolean> createAccount(String username, String password, Role role, List<String> events, String by) {
        return blocking(() -> store.createAccount(username, bcrypt.encode(password), role, events, clock.instant(), by));
    }

    public Mono<Boolean> deleteAccount(String username) {
        return blocking(() -> {
            boolean deleted = store.deleteAccount(username);
            forgetSessions(session -> session.username().equals(username));
            return deleted;
        });
    }

    /** Creates or updates a start-up account (blocking: called once while the application starts). */
    void ensureAccount(String username, String password, Role role, List<String> events) {
        Optional<String> hash = store.passwordHash(username);
        if (hash.isEmpty()) {
            if (store.createAccount(username, bcrypt.encode(password), role, events, clock.instant(), "start-up")) {
                return;
            }
            hash = store.passwordHash(username); // another instance created it meanwhile
        }
        if (hash.isEmpty() || !bcrypt.matches(password, hash.get())) {
            store.setPassword(username, bcrypt.encode(password));
        }
        store.updateRoleAndEvents(username, role, events);
    }

    // ---- audit ----

    public Mono<Void> audit(String username, Role role, String sessionId, String method, String path, int status,
                            String action) {
        return blocking(() -> {
            store.audit(clock.instant(), username, role, sessionId, method, path, status, action);
            return Boolean.TRUE;
        }).then();
    }

    public Mono<List<AuthStore.AuditEntry>> auditEntries(int limit, Long beforeId) {
        return blocking(() -> store.auditEntries(limit, beforeId));
    }

    // ---- helpers ----

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}
