package dev.entrada.ticketing.signing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A signing key supplied by configuration (production). When both are blank the service generates
 * its own key on first start and keeps it in its database (embedded default).
 *
 * @param key   PKCS#8 Ed25519 private key, base64 ({@code ENTRADA_SIGNING_KEY})
 * @param keyId four hex digits ({@code ENTRADA_SIGNING_KEY_ID})
 */
@ConfigurationProperties("entrada.signing")
public record SigningKeyProperties(String key, String keyId) {

    boolean configured() {
        return (key != null && !key.isBlank()) || (keyId != null && !keyId.isBlank());
    }
}
