package dev.entrada.identity;

import java.util.Objects;
import java.util.Set;

/**
 * The signed-in person behind a request, as the gateway vouches for it in a {@link ServiceTokens
 * service token}.
 *
 * @param subject   the account's user name
 * @param role      the account's role
 * @param events    the event ids a staff member is assigned to; {@link #ALL_EVENTS} for every event
 * @param sessionId the sign-in (browser or scanner device) the request came through, revocable on its own
 */
public record Caller(String subject, Role role, Set<String> events, String sessionId) {
    /** The assignment that covers every event. */
    public static final String ALL_EVENTS = "*";

    public Caller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
        events = Set.copyOf(events);
        Objects.requireNonNull(sessionId, "sessionId");
    }

    /** Whether this caller has at least {@code required}. */
    public boolean has(Role required) {
        return role.includes(required);
    }

    /** Whether this caller may work on the event: organisers and admins on every event, staff on their assigned ones. */
    public boolean mayAccessEvent(String eventId) {
        return role.includes(Role.ORGANIZER) || events.contains(ALL_EVENTS) || events.contains(eventId);
    }
}
