package dev.entrada.ticketing.signing;

import dev.entrada.contracts.code.Ed25519Keys;
import dev.entrada.contracts.code.TicketCode;
import dev.entrada.contracts.signing.SigningKeyPublished;
import dev.entrada.ticketing.messaging.OutboxWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/** The keys ticket codes are signed with; only their public halves ever leave the service. */
@Service
public class SigningKeys {
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    /** The key new codes are signed with. */
    public record ActiveKey(String keyId, PrivateKey privateKey) {
    }

    private final SigningKeyRepository repository;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SigningKeys(SigningKeyRepository repository, OutboxWriter outbox, Clock clock) {
        this.repository = repository;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Creates a key if none is active, then announces every active public key again. The topic is
     * compacted and consumers upsert, so re-announcing on each start costs nothing and repairs a
     * consumer that lost its copy. Two instances starting at once may each create a key; both are
     * published and valid, and the newer one signs.
     */
    @Transactional
    public void ensureActiveKeyAndPublish() {
        List<SigningKey> active = repository.findActive();
        if (active.isEmpty()) {
            SigningKey created = generate();
            repository.insert(created);
            log.info("generated signing key {}", created.keyId());
            active = List.of(created);
        }
        for (SigningKey key : active) {
            outbox.write(new SigningKeyPublished(key.keyId(), SigningKey.ALGORITHM, key.publicKey(), clock.instant()));
        }
    }

    @Transactional(readOnly = true)
    public ActiveKey activeKey() {
        SigningKey newest = repository.findActive().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no active signing key"));
        return new ActiveKey(newest.keyId(), Ed25519Keys.privateKey(newest.privateKey()));
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
