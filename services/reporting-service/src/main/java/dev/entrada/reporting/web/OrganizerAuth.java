package dev.entrada.reporting.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Organiser-only endpoints until the gateway has sign-in (docs/decisions.md): the request must carry
 * {@code Authorization: Bearer <ENTRADA_ORGANIZER_TOKEN>}, compared in constant time. Without a
 * configured token nobody gets in.
 */
@Singleton
public class OrganizerAuth {
    private static final String BEARER = "Bearer ";

    private final byte[] token;

    public OrganizerAuth(@Value("${reporting.organizer-token:}") String token) {
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** @throws HttpStatusException 401 unless the header carries the organiser token */
    public void require(@Nullable String authorization) {
        if (token == null) {
            throw new HttpStatusException(HttpStatus.UNAUTHORIZED, "Organiser endpoints are closed: no organiser token is configured");
        }
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
        byte[] given = bearer ? authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(given, token)) {
            throw new HttpStatusException(HttpStatus.UNAUTHORIZED, "Organisers only: send Authorization: Bearer <organiser token>");
        }
    }
}
