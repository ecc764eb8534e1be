package dev.entrada.contracts.registration;

import java.time.Instant;

/**
 * Personal data of this registration must be forgotten by every service that holds a copy. The event
 * itself carries nothing about the person: only ids, why, and when ({@code occurredAt} is the time of
 * the erasure).
 *
 * @param reason {@link #REQUEST_BY_ATTENDEE}, {@link #REQUEST_BY_ORGANIZER} or {@link #RETENTION}
 */
public record AttendeeErased(
        String registrationId,
        String eventId,
        String reason,
        Instant occurredAt) implements RegistrationEvent {

    /** The attendee asked, through their registration link. */
    public static final String REQUEST_BY_ATTENDEE = "REQUEST_BY_ATTENDEE";
    /** An organiser erased it (a data request that reached them another way). */
    public static final String REQUEST_BY_ORGANIZER = "REQUEST_BY_ORGANIZER";
    /** The retention period after the event ended ran out. */
    public static final String RETENTION = "RETENTION";
}
