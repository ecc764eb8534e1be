package dev.entrada.ticketing.ticket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The attendee's access token is checked against the SHA-256 hex the registration service sent. */
final class AccessTokens {
    /** Compared against when there is no ticket, so both answers take about as long. */
    private static final String NO_HASH = "0".repeat(64);

    static boolean matches(String token, String storedHash) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        byte[] expected = (storedHash == null ? NO_HASH : storedHash).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = sha256Hex(token).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(actual, expected) && storedHash != null;
    }

    static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private AccessTokens() {
    }
}
