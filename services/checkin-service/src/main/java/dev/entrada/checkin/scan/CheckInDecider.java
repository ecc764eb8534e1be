package dev.entrada.checkin.scan;

import dev.entrada.checkin.scan.CheckInResult.AlreadyCheckedIn;
import dev.entrada.checkin.scan.CheckInResult.Admitted;
import dev.entrada.checkin.scan.CheckInResult.FirstCheckIn;
import dev.entrada.checkin.scan.CheckInResult.Rejected;
import dev.entrada.contracts.catalog.EventPublished.CheckpointKind;
import dev.entrada.contracts.code.TicketCode;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides one scan. Framework-free: what it needs from the replica and the admission record comes
 * in through the two small interfaces below, so the order of the checks is tested without a database.
 */
public final class CheckInDecider {

    /** One scan at one checkpoint. */
    public record Scan(String code, String eventId, String checkpointId, CheckpointKind kind, String deviceId, Instant at) {
    }

    /** What the local replica knows. */
    public interface Replica {
        /** The public key with this id, unless it was never published or has been retired. */
        Optional<PublicKey> activeKey(String keyId);

        boolean isRevoked(UUID ticketId);
    }

    /** The first-scan-wins record; implementations must be atomic (a unique key, not read-then-write). */
    public interface Admissions {
        /** Records {@code admission} if none exists for its scope; otherwise returns the one that does. */
        Optional<FirstCheckIn> admitFirst(Admission admission);
    }

    /** A request to be the first admission of a ticket in a scope. */
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
        if (replica.isRevoked(claims.ticketId())) {
            return new Rejected(RejectReason.REVOKED, claims);
        }
        // A valid code the replica has not seen yet is admitted: codes are verifiable offline.
        Admission admission = new Admission(scan.eventId(), claims.ticketId(), scopeOf(scan.kind(), scan.checkpointId()),
                scan.checkpointId(), scan.deviceId(), scan.at());
        return admissions.admitFirst(admission)
                .<CheckInResult>map(first -> new AlreadyCheckedIn(claims, first))
                .orElseGet(() -> new Admitted(claims));
    }
}
