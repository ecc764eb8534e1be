package dev.entrada.ticketing.signing;

import java.time.Instant;

/**
 * A stored Ed25519 key pair.
 *
 * @param publicKey  X.509 SubjectPublicKeyInfo, base64
 * @param privateKey PKCS#8, base64
 * @param retiredAt  null while codes may be signed and verified with it
 */
public record SigningKey(String keyId, String publicKey, String privateKey, Instant createdAt, Instant retiredAt) {
    public static final String ALGORITHM = "Ed25519";
}
