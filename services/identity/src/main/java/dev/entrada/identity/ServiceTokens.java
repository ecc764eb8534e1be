package dev.entrada.identity;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The signed, short-lived statement "this request comes from {@link Caller}" that the gateway adds to
 * every request it forwards ({@link #HEADER}) and every service verifies before it trusts anything
 * about the caller. Nothing is trusted because it came from inside: a request that reaches a service
 * directly, with a forged, altered or expired token, is refused.
 *
 * <p>Format: {@code e1.<payload>.<mac>}, both parts base64url without padding; the payload is a
 * form-encoded list ({@code sub, role, ev, sid, iat, exp}); the MAC is HMAC-SHA256 over
 * {@code e1.<payload>} with the secret every service shares with the gateway
 * ({@code ENTRADA_SERVICE_TOKEN_SECRET}). HMAC rather than a signature: a verification costs
 * microseconds on every request, and the secret lives only in the services' configuration
 * (docs/decisions.md).
 */
public final class ServiceTokens {
    /** The request header that carries the token from the gateway to a service. */
    public static final String HEADER = "X-Entrada-Caller";
    /** How long a token is good for: one request's journey, with room for clock skew. */
    public static final Duration LIFETIME = Duration.ofSeconds(60);
    /** The least secret length, in characters. */
    public static final int MIN_SECRET_LENGTH = 32;

    private static final String VERSION = "e1";
    private static final int MAX_TOKEN_LENGTH = 4096;
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    /** @throws IllegalArgumentException when the secret is missing or shorter than {@value #MIN_SECRET_LENGTH} characters */
    public ServiceTokens(String secret) {
        if (secret == null || secret.strip().length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("ENTRADA_SERVICE_TOKEN_SECRET must be set to at least "
                    + MIN_SECRET_LENGTH + " characters (the gateway and every service share it)");
        }
        this.key = new SecretKeySpec(secret.strip().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** A token for {@code caller}, good from {@code now} for {@link #LIFETIME}. */
    public String mint(Caller caller, Instant now) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("sub", caller.subject());
        fields.put("role", caller.role().name());
        fields.put("ev", String.join(",", new TreeSet<>(caller.events())));
        fields.put("sid", caller.sessionId());
        fields.put("iat", Long.toString(now.getEpochSecond()));
        fields.put("exp", Long.toString(now.plus(LIFETIME).getEpochSecond()));
        StringBuilder payload = new StringBuilder();
        fields.forEach((name, value) -> payload.append(payload.isEmpty() ? "" : "&")
                .append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        String signed = VERSION + "." + B64.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        return signed + "." + B64.encodeToString(mac(signed));
    }

    /**
     * The caller a header value vouches for.
     *
     * @return {@code null} when the header is absent (an anonymous request)
     * @throws AccessDenied 401 when the token is malformed, altered, signed with another secret or expired
     */
    public Caller verify(String token, Instant now) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw bad("too long");
        }
        int last = token.lastIndexOf('.');
        if (!token.startsWith(VERSION + ".") || last <= VERSION.length()) {
            throw bad("malformed");
        }
        String signed = token.substring(0, last);
        byte[] given;
        byte[] payload;
        try {
            given = B64_DECODE.decode(token.substring(last + 1));
            payload = B64_DECODE.decode(signed.substring(VERSION.length() + 1));
        } catch (IllegalArgumentException e) {
            throw bad("malformed");
        }
        if (!MessageDigest.isEqual(mac(signed), given)) {
            throw bad("signature does not match");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : new String(payload, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        try {
            Instant issued = Instant.ofEpochSecond(Long.parseLong(fields.get("iat")));
            Instant expires = Instant.ofEpochSecond(Long.parseLong(fields.get("exp")));
            if (!now.isBefore(expires)) {
                throw bad("expired");
            }
            if (issued.isAfter(now.plus(SKEW)) || Duration.between(issued, expires).compareTo(LIFETIME) > 0) {
                throw bad("issued in the future or for too long");
            }
            String events = fields.get("ev");
            Set<String> assigned = events == null || events.isEmpty() ? Set.of() : Set.of(events.split(","));
            return new Caller(fields.get("sub"), Role.valueOf(fields.get("role")), assigned, fields.get("sid"));
        } catch (RuntimeException e) {
            if (e instanceof AccessDenied denied) {
                throw denied;
            }
            throw bad("incomplete");
        }
    }

    private byte[] mac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static AccessDenied bad(String why) {
        return AccessDenied.unauthenticated("The caller token is not valid (" + why + ")");
    }

    @Override
    public String toString() {
        return "ServiceTokens[secret hidden]";
    }
}
