package dev.entrada.gateway.auth;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.entrada.identity.Caller;
import dev.entrada.identity.Role;

/**
 * A sign-in: a browser's (cookie) or a scanner device's (Bearer token, or cookie on the device's browser),
 * with the account's current role and events.
 */
public record Session(String id, String username, Role role, List<String> events, String kind, String deviceLabel,
                      Instant createdAt, Instant lastUsedAt, Instant expiresAt, Instant revokedAt) {

    public static final String BROWSER = "browser";
    public static final String DEVICE = "device";

    public boolean activeAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    public Caller caller() {
        return new Caller(username, role, Set.copyOf(events), id);
    }
}
