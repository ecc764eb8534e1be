package dev.entrada.registration.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The organiser's shared bearer token until sign-in exists (docs/decisions.md, issue 8). Compared
 * as SHA-256 digests in constant time, so neither the content nor the length leaks through timing.
 * Without a configured token nobody is an organiser.
 */
@Component
public class OrganizerAuth {
    private final byte[] expected;

    OrganizerAuth(@Value("${entrada.organizer-token:}") String token) {
        this.expected = token == null || token.isBlank() ? null : sha256(token.strip());
    }

    /** Whether an {@code Authorization} header value carries the organiser token. */
    public boolean isOrganizer(String authorization) {
        if (expected == null || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(expected, sha256(authorization.substring(7).strip()));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
