package dev.entrada.identity;

/**
 * A request that may not proceed: {@code status} 401 when the caller is unknown or its token is bad,
 * 403 when the caller is known but not allowed. The message is safe to show to the client.
 */
public final class AccessDenied extends RuntimeException {
    private final int status;

    public AccessDenied(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static AccessDenied unauthenticated(String message) {
        return new AccessDenied(401, message);
    }

    public static AccessDenied forbidden(String message) {
        return new AccessDenied(403, message);
    }
}
