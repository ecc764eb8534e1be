package dev.entrada.checkin.key;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A public key ticket codes may be signed with. A retirement can arrive before (or instead of) the
 * publication on the compacted topic, so the key columns are nullable.
 */
@MappedEntity("signing_keys")
public record SigningKey(
        @Id String keyId,
        @Nullable String algorithm,
        @Nullable String publicKey,
        @Nullable Instant publishedAt,
        @Nullable Instant retiredAt) {

    public boolean isActive() {
        return publicKey != null && retiredAt == null;
    }
}
