package dev.entrada.contracts.signing;

import dev.entrada.contracts.DomainEvent;

/** Public signing keys, on the compacted {@code signing-keys} topic, keyed by key id. */
public sealed interface SigningKeyEvent extends DomainEvent permits SigningKeyPublished, SigningKeyRetired {

    String keyId();

    @Override
    default String partitionKey() {
        return keyId();
    }
}
