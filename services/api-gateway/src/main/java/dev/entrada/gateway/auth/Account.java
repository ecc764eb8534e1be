package dev.entrada.gateway.auth;

import java.time.Instant;
import java.util.List;

import dev.entrada.identity.Role;

/** A person who may sign in. The password hash never leaves {@link AuthStore}. */
public record Account(String username, Role role, List<String> events, int failedAttempts, Instant lockedUntil,
                      Instant createdAt, String createdBy) {

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }
}
