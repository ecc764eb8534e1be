package dev.entrada.identity;

/**
 * What a signed-in person may do. Each role includes the ones before it: an organiser may do what
 * staff may, an admin what an organiser may. Attendees are not a role: they reach their own
 * registration and ticket through the unguessable link token, which the owning service checks.
 */
public enum Role {
    /** Scans, searches and checks in, for the events they are assigned to. */
    STAFF,
    /** Catalogue, dashboards, exports, data requests, staff accounts and devices. */
    ORGANIZER,
    /** Everything, including organiser accounts. */
    ADMIN;

    /** Whether someone with this role may do what {@code required} may. */
    public boolean includes(Role required) {
        return ordinal() >= required.ordinal();
    }
}
