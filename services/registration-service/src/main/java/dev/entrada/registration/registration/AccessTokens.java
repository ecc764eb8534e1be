package dev.entrada.registration.registration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The attendee's secret link: 32 random bytes in base64url. Only the SHA-256 (hex, of the token's
 * UTF-8 text) is stored and sent on, so neither a database dump nor a topic reveals a usable token.
 */
public final class AccessTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NO_MATCH = "0".repeat(64);

    public record AccessToken(String value, String hash) {
    }

    public static AccessToken generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new AccessToken(value, hash(value));
    }

    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Whether {@code token} belongs to {@code storedHash}, in time independent of where they differ.
     * A null hash (unknown registration) costs the same as a wrong token.
     */
    public static boolean matches(String token, String storedHash) {
        String presented = hash(token == null ? "" : token);
        String expected = storedHash == null ? NO_MATCH : storedHash;
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII))
                && token != null && storedHash != null;
    }

    private AccessTokens() {
    }
}
