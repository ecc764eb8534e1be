package dev.entrada.checkin.scan;

import dev.entrada.checkin.scan.CheckInResult.AlreadyCheckedIn;
import dev.entrada.checkin.scan.CheckInResult.Admitted;
import dev.entrada.checkin.scan.CheckInResult.CheckedOut;
import dev.entrada.checkin.scan.CheckInResult.FirstCheckIn;
import dev.entrada.checkin.scan.CheckInResult.NotInside;
import dev.entrada.checkin.scan.CheckInResult.Rejected;
import dev.entrada.contracts.catalog.EventPublished.CheckpointKind;
import dev.entrada.contracts.code.TicketCode;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Decides one scan. Framework-free: what it needs from the replica and the admission record comes
 * in through the two small interfaces below, so the order of the checks is tested without a database.
 */
public final class CheckInDecider {

    public enum Direction { IN, OUT }

    /**
     * One scan at one checkpoint. {@code sessionId} is the session a SESSION checkpoint admits to;
     * {@code at} is the time the checks run at (the device's time for an offline scan).
     */
    public record Scan(String code, String eventId, String checkpointId, CheckpointKind kind, String sessionId,
                       Direction direction, String deviceId, Instant at) {
    }

    /** A ticket found by name at the desk, as the replica knows it ({@code eventId} null when unknown). */
    public record ManualTicket(UUID ticketId, String eventId, String ticketType) {
    }

    /** What the local replica knows. */
    public interface Replica {
        /** The public key with this id, unless it was never published or has been retired. */
        Optional<PublicKey> activeKey(String keyId);

        boolean isRevoked(UUID ticketId);

        /** The sessions the holder registered for; empty while the replica has not seen the registration. */
        Optional<Set<String>> sessionsOf(UUID ticketId);
    }

    /** The first-scan-wins record; implementations must be atomic (a unique key or a conditional update). */
    public interface Admissions {
        /**
         * Records {@code admission} if the ticket is not inside in its scope (never admitted, or exited
         * since); otherwise returns the entry in force.
         */
        Optional<FirstCheckIn> admitFirst(Admission admission);

        /** Marks the ticket as gone from the scope; false when it was not inside. */
        boolean exit(Admission admission);
    }

    /** A request to be the admission of a ticket in a scope. */
    public record Admission(String eventId, UUID ticketId, String scope, String checkpointId, String deviceId, Instant at) {
    }

    /** Door checkpoints share one admission per event; each session room has its own. */
    public static String scopeOf(CheckpointKind kind, String checkpointId) {
        return kind == CheckpointKind.SESSION ? "SESSION:" + checkpointId : "EVENT";
    }

    public CheckInResult decide(Scan scan, Replica replica, Admissions admissions) {
        TicketCode.Parsed parsed;
        try {
            parsed = TicketCode.parse(scan.code());
        } catch (TicketCode.MalformedCodeException e) {
            return new Rejected(RejectReason.MALFORMED, null);
        }
        TicketCode.Claims claims = parsed.claims();
        Optional<PublicKey> key = replica.activeKey(claims.keyIdText());
        if (key.isEmpty()) {
            return new Rejected(RejectReason.UNKNOWN_KEY, null);
        }
        if (!parsed.isSignedBy(key.get())) {
            return new Rejected(RejectReason.INVALID_SIGNATURE, null);
        }
        if (!claims.isForEvent(scan.eventId())) {
            return new Rejected(RejectReason.WRONG_EVENT, claims);
        }
        if (!claims.isValidAt(scan.at())) {
            return new Rejected(RejectReason.OUTSIDE_WINDOW, claims);
        }
        // A valid code the replica has not seen yet is admitted: codes are verifiable offline.
        return admitVerified(claims, scan, replica, admissions);
    }

    /**
     * A check-in by hand (forgotten phone): there is no code, so the replica must know the ticket.
     * The claims are built from the replica so the rest of the path is the scan's.
     */
    public CheckInResult decideManual(ManualTicket ticket, Scan scan, Replica replica, Admissions admissions) {
        if (ticket.eventId() == null) {
            return new Rejected(RejectReason.NOT_FOUND, null);
        }
        TicketCode.Claims claims = new TicketCode.Claims(ticket.ticketId(), TicketCode.eventRef(ticket.eventId()),
                ticket.ticketType() == null ? 0 : TicketCode.ticketTypeRef(ticket.ticketType()), 0, null, null);
        if (!ticket.eventId().equals(scan.eventId())) {
            return new Rejected(RejectReason.WRONG_EVENT, claims);
        }
        return admitVerified(claims, scan, replica, admissions);
    }

    private static CheckInResult admitVerified(TicketCode.Claims claims, Scan scan, Replica replica, Admissions admissions) {
        if (replica.isRevoked(claims.ticketId())) {
            return new Rejected(RejectReason.REVOKED, claims);
        }
        Admission admission = new Admission(scan.eventId(), claims.ticketId(), scopeOf(scan.kind(), scan.checkpointId()),
                scan.checkpointId(), scan.deviceId(), scan.at());
        if (scan.direction() == Direction.OUT) {
            return admissions.exit(admission) ? new CheckedOut(claims) : new NotInside(claims);
        }
        if (scan.kind() == CheckpointKind.SESSION && scan.sessionId() != null) {
            // Unknown registration (not replicated yet): the signature proves issuance, so let them in.
            boolean registered = replica.sessionsOf(claims.ticketId()).map(s -> s.contains(scan.sessionId())).orElse(true);
            if (!registered) {
                return new Rejected(RejectReason.WRONG_CHECKPOINT, claims);
            }
        }
        return admissions.admitFirst(admission)
                .<CheckInResult>map(first -> new AlreadyCheckedIn(claims, first))
                .orElseGet(() -> new Admitted(claims));
    }
}
