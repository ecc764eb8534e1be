package dev.entrada.gateway.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in settings ({@code entrada.auth.*} in application.yml).
 *
 * @param organizerPassword the {@code organizer} account's password ({@code ENTRADA_ORGANIZER_PASSWORD}), required
 * @param staffPassword     the {@code staff} account's password ({@code ENTRADA_STAFF_PASSWORD}), required
 * @param adminPassword     the {@code admin} account's password ({@code ENTRADA_ADMIN_PASSWORD}); no admin when blank
 * @param browserSession    lifetime of a browser sign-in
 * @param deviceSession     lifetime of a scanner-device sign-in (until revoked, at most this)
 * @param sessionCache      how long a session lookup is reused; a revocation takes effect within it
 * @param maxFailures       failed sign-ins in a row that lock the account
 * @param lockDuration      how long a lock lasts
 * @param failureDelay      delay of the first failed answer; doubles with each further failure
 * @param failureDelayMax   the longest delay of a failed answer
 */
@ConfigurationProperties("entrada.auth")
public record AuthProperties(
        String organizerPassword,
        String staffPassword,
        String adminPassword,
        Duration browserSession,
        Duration deviceSession,
        Duration sessionCache,
        int maxFailures,
        Duration lockDuration,
        Duration failureDelay,
        Duration failureDelayMax) {

    public static final int MIN_PASSWORD_LENGTH = 12;
    /** bcrypt reads at most 72 bytes. */
    public static final int MAX_PASSWORD_BYTES = 72;

    @Override
    public String toString() {
        return "AuthProperties[passwords hidden, browserSession=" + browserSession + ", deviceSession=" + deviceSession
                + ", sessionCache=" + sessionCache + ", maxFailures=" + maxFailures + ", lockDuration=" + lockDuration + "]";
    }
}
