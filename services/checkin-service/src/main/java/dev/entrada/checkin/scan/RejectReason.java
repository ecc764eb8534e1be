package dev.entrada.checkin.scan;

/** Why a scan was refused; the names travel in {@code CheckInRejected.reason} and the API. */
public enum RejectReason {
    MALFORMED,
    UNKNOWN_KEY,
    INVALID_SIGNATURE,
    WRONG_EVENT,
    WRONG_CHECKPOINT,
    OUTSIDE_WINDOW,
    REVOKED,
    /** Manual check-in of a ticket id the replica does not know. */
    NOT_FOUND
}
