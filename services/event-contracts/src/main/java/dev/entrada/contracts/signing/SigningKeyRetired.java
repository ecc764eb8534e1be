package dev.entrada.contracts.signing;

import java.time.Instant;

/** Codes signed with this key are no longer accepted. */
public record SigningKeyRetired(
        String keyId,
        Instant occurredAt) implements SigningKeyEvent {
}
