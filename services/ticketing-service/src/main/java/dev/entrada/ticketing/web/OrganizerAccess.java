package dev.entrada.ticketing.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Organiser-only endpoints until sign-in exists (docs/decisions.md): {@code Authorization: Bearer
 * <ENTRADA_ORGANIZER_TOKEN>}, compared in constant time. Without a configured token nobody gets in.
 */
@Component
public class OrganizerAccess {
    private static final String BEARER = "Bearer ";
    private static final int MAX_HEADER_LENGTH = 1000;

    private final byte[] expectedDigest;

    OrganizerAccess(@Value("${entrada.organizer-token:}") String token) {
        this.expectedDigest = token == null || token.isBlank() ? null : sha256(token);
    }

    /** @throws ApiProblem 401 unless {@code authorization} carries the organiser token */
    public void require(String authorization) {
        boolean ok = expectedDigest != null && authorization != null && authorization.length() <= MAX_HEADER_LENGTH
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                // Digests have equal lengths, so the comparison time says nothing about the token.
                && MessageDigest.isEqual(sha256(authorization.substring(BEARER.length()).strip()), expectedDigest);
        if (!ok) {
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "unauthorized", "Organiser token required",
                    "This endpoint needs Authorization: Bearer <organiser token>.");
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
