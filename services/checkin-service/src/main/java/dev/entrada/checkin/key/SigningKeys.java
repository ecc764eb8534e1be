package dev.entrada.checkin.key;

import dev.entrada.checkin.messaging.UnreadableEventException;
import dev.entrada.contracts.code.Ed25519Keys;
import dev.entrada.contracts.signing.SigningKeyPublished;
import dev.entrada.contracts.signing.SigningKeyRetired;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Optional;

/** The public keys codes are verified with; updates run inside the caller's transaction. */
@Singleton
public class SigningKeys {
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final SigningKeyRepository repository;

    public SigningKeys(SigningKeyRepository repository) {
        this.repository = repository;
    }

    public void apply(SigningKeyPublished event) {
        String keyId = UnreadableEventException.require(event.keyId(), "keyId");
        if (!"Ed25519".equals(event.algorithm())) {
            throw new UnreadableEventException("unsupported algorithm " + event.algorithm());
        }
        try {
            Ed25519Keys.publicKey(UnreadableEventException.require(event.publicKey(), "publicKey"));
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException("publicKey is not an Ed25519 public key", e);
        }
        Instant publishedAt = event.occurredAt() == null ? Instant.now() : event.occurredAt();
        Optional<SigningKey> known = repository.findById(keyId);
        // Retirement is final: publishing the key again does not bring it back.
        SigningKey key = new SigningKey(keyId, event.algorithm(), event.publicKey(), publishedAt,
                known.map(SigningKey::retiredAt).orElse(null));
        if (known.isPresent()) {
            repository.update(key);
        } else {
            repository.save(key);
        }
        log.info("signing key {} published", keyId);
    }

    public void apply(SigningKeyRetired event) {
        String keyId = UnreadableEventException.require(event.keyId(), "keyId");
        Instant retiredAt = event.occurredAt() == null ? Instant.now() : event.occurredAt();
        Optional<SigningKey> known = repository.findById(keyId);
        if (known.isPresent()) {
            SigningKey key = known.get();
            repository.update(new SigningKey(keyId, key.algorithm(), key.publicKey(), key.publishedAt(), retiredAt));
        } else {
            repository.save(new SigningKey(keyId, null, null, null, retiredAt));
        }
        log.info("signing key {} retired", keyId);
    }

    /** The key to verify codes with, unless it is unknown, retired or unreadable. */
    public Optional<PublicKey> activeKey(String keyId) {
        return repository.findById(keyId)
                .filter(SigningKey::isActive)
                .flatMap(key -> {
                    try {
                        return Optional.of(Ed25519Keys.publicKey(key.publicKey()));
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                });
    }
}
