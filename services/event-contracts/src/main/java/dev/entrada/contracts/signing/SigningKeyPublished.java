package dev.entrada.contracts.signing;

import java.time.Instant;

/**
 * A public key that ticket codes may be signed with.
 *
 * @param algorithm always {@code Ed25519} for now
 * @param publicKey the X.509 SubjectPublicKeyInfo encoding, base64 (standard alphabet)
 */
public record SigningKeyPublished(
        String keyId,
        String algorithm,
        String publicKey,
        Instant occurredAt) implements SigningKeyEvent {
}
