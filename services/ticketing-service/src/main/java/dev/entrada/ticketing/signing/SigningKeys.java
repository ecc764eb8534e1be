package dev.entrada.ticketing.signing;

import dev.entrada.contracts.code.Ed25519Keys;
import dev.entrada.contracts.code.TicketCode;
import dev.entrada.contracts.signing.SigningKeyPublished;
import dev.entrada.contracts.signing.SigningKeyRetired;
import dev.entrada.ticketing.messaging.OutboxWriter;
import dev.entrada.ticketing.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The keys ticket codes are signed with; only their public halves ever leave the service. */
@Service
public class SigningKeys {
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final Pattern KEY_ID = Pattern.compile("[0-9A-F]{4}");

    /** The key new codes are signed with. */
    public record ActiveKey(String keyId, PrivateKey privateKey) {
    }

    private final SigningKeyRepository repository;
    private final OutboxWriter outbox;
    private final SigningKeyProperties configured;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SigningKeys(SigningKeyRepository repository, OutboxWriter outbox, SigningKeyProperties configured, Clock clock) {
        this.repository = repository;
        this.outbox = outbox;
        this.configured = configured;
        this.clock = clock;
    }

    /**
     * Installs the configured key (if any) or creates a key if none is active, then announces every
     * active public key again. The topic is compacted and consumers upsert, so re-announcing on each
     * start costs nothing and repairs a consumer that lost its copy. Two instances starting at once
     * may each create a key; both are published and valid, and the newer one signs.
     */
    @Transactional
    public void ensureActiveKeyAndPublish() {
        if (configured.configured()) {
            installConfigured();
        }
        List<SigningKey> active = repository.findActive();
        if (active.isEmpty()) {
            SigningKey created = generate();
            repository.insert(created);
            log.info("generated signing key {}", created.keyId());
            active = List.of(created);
        }
        for (SigningKey key : active) {
            publish(key);
        }
    }

    @Transactional(readOnly = true)
    public ActiveKey activeKey() {
        SigningKey newest = repository.findActive().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no active signing key"));
        return new ActiveKey(newest.keyId(), Ed25519Keys.privateKey(newest.privateKey()));
    }

    /** Every key, active and retired, oldest first. */
    @Transactional(readOnly = true)
    public List<SigningKey> all() {
        return repository.findAll();
    }

    /** A new key that signs every code from now on; codes signed with the older keys stay valid. */
    @Transactional
    public SigningKey rotate() {
        SigningKey created = generate();
        repository.insert(created);
        publish(created);
        log.info("rotated: new signing key {}", created.keyId());
        return created;
    }

    /**
     * Codes signed with this key are no longer accepted anywhere ({@code SigningKeyRetired}).
     * Retiring a retired key changes nothing; the last active key cannot be retired (rotate first).
     */
    @Transactional
    public SigningKey retire(String keyId) {
        String id = keyId.toUpperCase(Locale.ROOT);
        SigningKey key = repository.findById(id).orElseThrow(() -> ApiProblem.notFound("signing-key-not-found",
                "Signing key not found", "No signing key " + id + "."));
        if (key.retiredAt() != null) {
            return key;
        }
        List<SigningKey> active = repository.findActive();
        if (active.size() == 1 && active.get(0).keyId().equals(id)) {
            throw new ApiProblem(HttpStatus.CONFLICT, "last-signing-key", "Last active signing key",
                    "Key " + id + " is the only active key; rotate (POST /api/tickets/keys) before retiring it.");
        }
        var now = clock.instant();
        repository.retire(id, now);
        outbox.write(new SigningKeyRetired(id, now));
        log.info("retired signing key {}", id);
        return new SigningKey(key.keyId(), key.publicKey(), key.privateKey(), key.createdAt(), now);
    }

    private void publish(SigningKey key) {
        outbox.write(new SigningKeyPublished(key.keyId(), SigningKey.ALGORITHM, key.publicKey(), clock.instant()));
    }

    /**
     * The configured key joins the table once (and, being the newest then, signs). Starting again
     * with it changes nothing; a configured id already used by another key, or a retired one, stops
     * the start rather than signing with something unexpected.
     */
    private void installConfigured() {
        String keyId = configured.keyId() == null ? "" : configured.keyId().strip().toUpperCase(Locale.ROOT);
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalStateException("ENTRADA_SIGNING_KEY_ID must be four hex digits");
        }
        if (configured.key() == null || configured.key().isBlank()) {
            throw new IllegalStateException("ENTRADA_SIGNING_KEY_ID is set but ENTRADA_SIGNING_KEY is not");
        }
        KeyPair pair;
        try {
            pair = KeyPairs.of(Ed25519Keys.privateKey(configured.key().strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ENTRADA_SIGNING_KEY is not a PKCS#8 Ed25519 private key in base64", e);
        }
        String privateText = Ed25519Keys.privateKeyText(pair.getPrivate());
        var existing = repository.findById(keyId);
        if (existing.isPresent()) {
            if (!MessageDigest.isEqual(existing.get().privateKey().getBytes(StandardCharsets.US_ASCII),
                    privateText.getBytes(StandardCharsets.US_ASCII))) {
                throw new IllegalStateException("signing key id " + keyId + " is already used by a different key");
            }
            if (existing.get().retiredAt() != null) {
                throw new IllegalStateException("the configured signing key " + keyId + " was retired; configure a new one");
            }
            return;
        }
        repository.insert(new SigningKey(keyId, Ed25519Keys.publicKeyText(pair.getPublic()), privateText, clock.instant(), null));
        log.info("installed the configured signing key {}", keyId);
    }

    private SigningKey generate() {
        String keyId;
        do {
            keyId = TicketCode.keyIdText(random.nextInt(0x10000));
        } while (repository.exists(keyId));
        KeyPair pair = Ed25519Keys.generate();
        return new SigningKey(keyId, Ed25519Keys.publicKeyText(pair.getPublic()),
                Ed25519Keys.privateKeyText(pair.getPrivate()), clock.instant(), null);
    }
}
