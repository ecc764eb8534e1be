package dev.entrada.contracts.code;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Ed25519 keys to and from the base64 text that events and databases hold (X.509 SubjectPublicKeyInfo
 * and PKCS#8, as the JDK writes them), and the raw 32-byte keys of RFC 8032 that {@link TicketCode}
 * signs and verifies with.
 */
public final class Ed25519Keys {
    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the raw key follows it. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    /** The DER prefix of a version-1 Ed25519 PKCS#8 key (RFC 8410); the 32-byte seed follows it. */
    private static final byte[] PKCS8_PREFIX = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
            0x04, 0x22, 0x04, 0x20};
    private static final int RAW_LENGTH = 32;

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /** X.509 SubjectPublicKeyInfo, base64. */
    public static String publicKeyText(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** PKCS#8, base64. */
    public static String privateKeyText(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** @throws IllegalArgumentException when the text is not an Ed25519 public key */
    public static PublicKey publicKey(String text) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(text)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    public static PrivateKey privateKey(String text) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 private key", e);
        }
    }

    /** The raw 32-byte RFC 8032 public key, or null when {@code key} is not an Ed25519 public key. */
    public static byte[] rawPublicKey(PublicKey key) {
        byte[] encoded = key == null ? null : key.getEncoded();
        if (encoded == null || encoded.length != X509_PREFIX.length + RAW_LENGTH
                || !Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            return null;
        }
        return Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length);
    }

    /** The raw 32-byte RFC 8032 private key (the seed). */
    public static byte[] rawPrivateKey(PrivateKey key) {
        if (key instanceof EdECPrivateKey edec && edec.getBytes().isPresent()) {
            byte[] seed = edec.getBytes().get();
            if (seed.length == RAW_LENGTH) {
                return seed;
            }
        }
        byte[] encoded = key == null ? null : key.getEncoded();
        if (encoded != null && encoded.length == PKCS8_PREFIX.length + RAW_LENGTH
                && Arrays.equals(encoded, 0, PKCS8_PREFIX.length, PKCS8_PREFIX, 0, PKCS8_PREFIX.length)) {
            return Arrays.copyOfRange(encoded, PKCS8_PREFIX.length, encoded.length);
        }
        throw new IllegalArgumentException("not an Ed25519 private key");
    }

    private Ed25519Keys() {
    }
}
