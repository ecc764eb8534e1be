package dev.entrada.identity;

/**
 * The one decision every service makes before a handler runs, so the Spring Boot and the Micronaut
 * services enforce roles alike.
 */
public final class AccessRules {
    private AccessRules() {
    }

    /**
     * @param access the endpoint's declaration, {@code null} when it has none
     * @param caller the verified caller, {@code null} when the request carries no service token
     * @throws AccessDenied 401 without a needed sign-in, 403 with too small a role or no declaration
     */
    public static void check(Access access, Caller caller) {
        if (access == null) {
            throw AccessDenied.forbidden("This endpoint declares no access rule, so nobody may call it");
        }
        Role required = access.value().requiredRole();
        if (required == null) {
            return;
        }
        if (caller == null) {
            throw AccessDenied.unauthenticated("Sign in first: this needs the " + required + " role");
        }
        if (!caller.has(required)) {
            throw AccessDenied.forbidden("This needs the " + required + " role; " + caller.subject() + " is " + caller.role());
        }
    }

    /** @throws AccessDenied 403 unless the caller may work on the event */
    public static void checkEvent(Caller caller, String eventId) {
        if (caller == null) {
            throw AccessDenied.unauthenticated("Sign in first");
        }
        if (!caller.mayAccessEvent(eventId)) {
            throw AccessDenied.forbidden(caller.subject() + " is not assigned to event " + eventId);
        }
    }
}
