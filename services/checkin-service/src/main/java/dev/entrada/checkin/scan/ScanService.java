package dev.entrada.checkin.scan;

import dev.entrada.checkin.catalog.CatalogReplica;
import dev.entrada.checkin.catalog.Checkpoint;
import dev.entrada.checkin.device.DeviceRegistry;
import dev.entrada.checkin.key.SigningKeys;
import dev.entrada.checkin.messaging.OutboxWriter;
import dev.entrada.checkin.registration.RegistrationReplica;
import dev.entrada.checkin.scan.CheckInDecider.Direction;
import dev.entrada.checkin.scan.CheckInResult.Admitted;
import dev.entrada.checkin.scan.CheckInResult.AlreadyCheckedIn;
import dev.entrada.checkin.scan.CheckInResult.CheckedOut;
import dev.entrada.checkin.scan.CheckInResult.NotInside;
import dev.entrada.checkin.scan.CheckInResult.Rejected;
import dev.entrada.checkin.ticket.ReplicaTicket;
import dev.entrada.checkin.ticket.TicketReplica;
import dev.entrada.checkin.web.InvalidInputException;
import dev.entrada.contracts.checkin.AttendeeCheckedIn;
import dev.entrada.contracts.checkin.AttendeeCheckedOut;
import dev.entrada.contracts.checkin.CheckInConflict;
import dev.entrada.contracts.checkin.CheckInRejected;
import dev.entrada.contracts.code.TicketCode;
import dev.entrada.identity.AccessRules;
import dev.entrada.identity.Caller;
import dev.entrada.outbox.OutboxRelay;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Runs a scan, a manual check-in or an uploaded offline scan: the decision, the scan row, the
 * admission and the outbox event commit together.
 *
 * <p>Event assignment (issue 8): before anything is decided or recorded, the caller must be assigned
 * to the event of the checkpoint (and, for a manual check-in, of the ticket when the replica knows
 * it); a replayed {@code (deviceId, nonce)} is answered only to a caller assigned to the event the
 * scan was recorded for. Otherwise {@link dev.entrada.identity.AccessDenied} 403, nothing recorded.
 * The scan row's {@code recorded_by} is the caller's subject, never a request field.
 */
@Singleton
public class ScanService {
    static final String METHOD_SCAN = "SCAN";
    static final String METHOD_MANUAL = "MANUAL";

    private final CheckInDecider decider = new CheckInDecider();
    private final CatalogReplica catalog;
    private final SigningKeys keys;
    private final TicketReplica tickets;
    private final RegistrationReplica registrations;
    private final DeviceRegistry devices;
    private final ScanStore store;
    private final ScanRepository scans;
    private final OutboxWriter outbox;
    private final OutboxRelay relay;
    private final TransactionOperations<Connection> transactions;
    private final VerdictCounter verdicts;
    private final Clock clock;

    public ScanService(CatalogReplica catalog, SigningKeys keys, TicketReplica tickets, RegistrationReplica registrations,
                       DeviceRegistry devices, ScanStore store, ScanRepository scans, OutboxWriter outbox, OutboxRelay relay,
                       TransactionOperations<Connection> transactions, VerdictCounter verdicts) {
        this.catalog = catalog;
        this.keys = keys;
        this.tickets = tickets;
        this.registrations = registrations;
        this.devices = devices;
        this.store = store;
        this.scans = scans;
        this.outbox = outbox;
        this.relay = relay;
        this.transactions = transactions;
        this.verdicts = verdicts;
        this.clock = Clock.systemUTC();
    }

    /**
     * What is being recorded. {@code code} for scans, {@code manualTicket} for a check-in by hand;
     * {@code deviceTime} is null for online scans without one; {@code offline} scans are checked at the
     * device's time and may turn into a conflict when {@code offlineVerdict} says the device admitted.
     */
    private record Command(String code, UUID manualTicket, String recordedBy, Checkpoint checkpoint, Direction direction,
                           String deviceId, String nonce, Instant deviceTime, boolean offline, String offlineVerdict) {
    }

    /** @param caller the verified caller (the controller's filter already required STAFF) */
    public ScanResponse scan(ScanRequest request, Caller caller) {
        Optional<ScanRecord> earlier = earlier(request.deviceId(), request.nonce(), caller);
        if (earlier.isPresent()) {
            return respond(earlier.get(), caller);
        }
        Checkpoint checkpoint = assigned(catalog.resolve(request.checkpointId(), request.eventId()), caller);
        return run(new Command(request.code(), null, caller.subject(), checkpoint, direction(request.direction()),
                request.deviceId(), request.nonce(), request.scannedAt(), false, null), caller);
    }

    public ScanResponse manual(ManualCheckInRequest request, Caller caller) {
        Optional<ScanRecord> earlier = earlier(request.deviceId(), request.nonce(), caller);
        if (earlier.isPresent()) {
            return respond(earlier.get(), caller);
        }
        UUID ticketId;
        try {
            ticketId = UUID.fromString(request.ticketId());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("ticketId", "must be a ticket id (UUID)");
        }
        Checkpoint checkpoint = assigned(catalog.resolve(request.checkpointId(), request.eventId()), caller);
        tickets.find(ticketId).map(ReplicaTicket::eventId).ifPresent(eventId -> AccessRules.checkEvent(caller, eventId));
        return run(new Command(null, ticketId, caller.subject(), checkpoint, Direction.IN,
                request.deviceId(), request.nonce(), null, false, null), caller);
    }

    /** One scan a device made while offline; uploading it again returns the stored verdict. */
    public ScanResponse offline(String deviceId, SyncRequest.OfflineScan scan, Caller caller) {
        Optional<ScanRecord> earlier = earlier(deviceId, scan.nonce(), caller);
        if (earlier.isPresent()) {
            return respond(earlier.get(), caller).withNonce(scan.nonce());
        }
        Checkpoint checkpoint = assigned(catalog.resolve(scan.checkpointId(), scan.eventId()), caller);
        return run(new Command(scan.code(), null, caller.subject(), checkpoint, direction(scan.direction()), deviceId,
                scan.nonce(), scan.scannedAt(), true, scan.offlineVerdict()), caller).withNonce(scan.nonce());
    }

    /**
     * Checks, without recording anything, that the caller may upload this offline scan: assigned to
     * the event of its checkpoint (or of the scan already recorded under its nonce). An unknown
     * checkpoint is left for {@link #offline} to report as 422 in its turn.
     *
     * @throws dev.entrada.identity.AccessDenied 403 when the caller is not assigned to that event
     */
    public void authorizeOffline(String deviceId, SyncRequest.OfflineScan scan, Caller caller) {
        if (earlier(deviceId, scan.nonce(), caller).isPresent()) {
            return;
        }
        try {
            assigned(catalog.resolve(scan.checkpointId(), scan.eventId()), caller);
        } catch (InvalidInputException unknownCheckpoint) {
            // Reported by offline() when the batch reaches this scan, after the scans before it.
        }
    }

    private Optional<ScanRecord> earlier(String deviceId, String nonce, Caller caller) {
        Optional<ScanRecord> earlier = scans.findByDeviceIdAndNonce(deviceId, nonce);
        earlier.ifPresent(record -> AccessRules.checkEvent(caller, record.eventId()));
        return earlier;
    }

    private static Checkpoint assigned(Checkpoint checkpoint, Caller caller) {
        AccessRules.checkEvent(caller, checkpoint.eventId());
        return checkpoint;
    }

    private ScanResponse run(Command command, Caller caller) {
        // Microseconds: what both databases store, so a replayed answer equals the first one.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant scannedAt = command.deviceTime() == null ? now : command.deviceTime().truncatedTo(ChronoUnit.MICROS);
        Instant checkedAt = command.offline() ? scannedAt : now;
        Checkpoint checkpoint = command.checkpoint();
        CheckInDecider.Scan scan = new CheckInDecider.Scan(command.code(), checkpoint.eventId(), checkpoint.checkpointId(),
                checkpoint.kind(), checkpoint.sessionId(), command.direction(), command.deviceId(), checkedAt);
        Optional<ScanRecord> recorded = transactions.executeWrite(status -> {
            CheckInResult result = command.manualTicket() == null
                    ? decider.decide(scan, replica(), store)
                    : decider.decideManual(manualTicket(command.manualTicket()), scan, replica(), store);
            boolean conflict = isConflict(command, result);
            ScanRecord record = record(command, result, conflict, scannedAt);
            if (!store.insertIfNew(record)) {
                // The same device and nonce won a concurrent race: undo ours, answer with theirs.
                status.setRollbackOnly();
                return Optional.<ScanRecord>empty();
            }
            emit(command, result, conflict, scannedAt, now);
            devices.touch(command.deviceId(), now);
            return Optional.of(record);
        });
        if (recorded.isEmpty()) {
            return respond(scans.findByDeviceIdAndNonce(command.deviceId(), command.nonce()).orElseThrow(), caller);
        }
        relay.wakeUp();
        verdicts.count(recorded.get());
        return respond(recorded.get(), caller);
    }

    /**
     * An offline device let someone in whom another device had already admitted: both happened, so
     * it is recorded, not dropped. A repeat the same device saw itself is an ordinary duplicate.
     */
    private static boolean isConflict(Command command, CheckInResult result) {
        return command.offline()
                && result instanceof AlreadyCheckedIn already
                && !already.first().deviceId().equals(command.deviceId())
                && (command.offlineVerdict() == null || ScanResponse.Verdict.ADMITTED.name().equals(command.offlineVerdict()));
    }

    private static Direction direction(String direction) {
        return "OUT".equals(direction) ? Direction.OUT : Direction.IN;
    }

    private CheckInDecider.ManualTicket manualTicket(UUID ticketId) {
        return tickets.find(ticketId)
                .map(t -> new CheckInDecider.ManualTicket(ticketId, t.eventId(), t.ticketType()))
                .orElse(new CheckInDecider.ManualTicket(ticketId, null, null));
    }

    private CheckInDecider.Replica replica() {
        return new CheckInDecider.Replica() {
            @Override
            public Optional<PublicKey> activeKey(String keyId) {
                return keys.activeKey(keyId);
            }

            @Override
            public boolean isRevoked(UUID ticketId) {
                return tickets.isRevoked(ticketId);
            }

            @Override
            public Optional<Set<String>> sessionsOf(UUID ticketId) {
                return registrations.sessionsOf(ticketId);
            }
        };
    }

    private static ScanRecord record(Command command, CheckInResult result, boolean conflict, Instant scannedAt) {
        String ticketId = result.ticketId().map(UUID::toString).orElse(null);
        if (ticketId == null && command.manualTicket() != null) {
            ticketId = command.manualTicket().toString();
        }
        String reason = null;
        CheckInResult.FirstCheckIn first = null;
        ScanResponse.Verdict verdict;
        if (result instanceof Admitted) {
            verdict = ScanResponse.Verdict.ADMITTED;
        } else if (result instanceof AlreadyCheckedIn already) {
            verdict = ScanResponse.Verdict.ALREADY_CHECKED_IN;
            first = already.first();
        } else if (result instanceof CheckedOut) {
            verdict = ScanResponse.Verdict.CHECKED_OUT;
        } else if (result instanceof NotInside) {
            verdict = ScanResponse.Verdict.NOT_INSIDE;
        } else {
            verdict = ScanResponse.Verdict.REJECTED;
            reason = ((Rejected) result).reason().name();
        }
        Checkpoint checkpoint = command.checkpoint();
        return new ScanRecord(null, command.deviceId(), command.nonce(), checkpoint.eventId(), checkpoint.checkpointId(),
                command.direction().name(), ticketId, verdict.name(), reason, first == null ? null : first.at(),
                first == null ? null : first.checkpointId(), first == null ? null : first.deviceId(), scannedAt, conflict,
                command.manualTicket() == null ? METHOD_SCAN : METHOD_MANUAL, command.recordedBy());
    }

    /** Repeats and exits of people not inside are not new facts, so they emit nothing (unless a conflict). */
    private void emit(Command command, CheckInResult result, boolean conflict, Instant scannedAt, Instant now) {
        Checkpoint checkpoint = command.checkpoint();
        String deviceId = command.deviceId();
        if (result instanceof Admitted admitted) {
            TicketCode.Claims claims = admitted.claims();
            String ticketType = tickets.find(claims.ticketId()).map(ReplicaTicket::ticketType)
                    .or(() -> catalog.ticketType(checkpoint.eventId(), claims))
                    .orElse(null);
            boolean manual = command.manualTicket() != null;
            outbox.append(new AttendeeCheckedIn(claims.ticketId().toString(), checkpoint.eventId(), ticketType,
                    checkpoint.checkpointId(), deviceId, manual ? METHOD_MANUAL : METHOD_SCAN, manual ? command.recordedBy() : null,
                    scannedAt, now));
        } else if (result instanceof CheckedOut out) {
            outbox.append(new AttendeeCheckedOut(out.claims().ticketId().toString(), checkpoint.eventId(),
                    checkpoint.checkpointId(), deviceId, scannedAt, now));
        } else if (result instanceof AlreadyCheckedIn already && conflict) {
            outbox.append(new CheckInConflict(already.claims().ticketId().toString(), checkpoint.eventId(),
                    checkpoint.checkpointId(), deviceId, scannedAt, already.first().checkpointId(), already.first().deviceId(),
                    already.first().at(), now));
        } else if (result instanceof Rejected rejected && rejected.reason() != RejectReason.NOT_FOUND) {
            // NOT_FOUND (a manual check-in of an id this node does not know) is a lookup slip at the desk,
            // not a refused code: it stays in scans and goes on no topic.
            String ticketId = rejected.ticketId().map(UUID::toString)
                    .orElse(command.manualTicket() == null ? null : command.manualTicket().toString());
            outbox.append(new CheckInRejected(ticketId, checkpoint.eventId(), checkpoint.checkpointId(), deviceId,
                    rejected.reason().name(), command.code() == null ? null : codeHash(command.code()), scannedAt, now));
        }
    }

    /** The first 16 hex digits of SHA-256 of the scanned text: spots a bad code scanned again without keeping it. */
    public static String codeHash(String code) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Built from the stored scan, so a retried request gets the very same answer. The holder is shown
     * only to a caller assigned to the ticket's event (a valid code of another event scanned here is
     * {@code WRONG_EVENT} without a name).
     */
    private ScanResponse respond(ScanRecord scan, Caller caller) {
        ScanResponse.Attendee attendee = scan.ticketId() == null ? null : tickets.find(UUID.fromString(scan.ticketId()))
                .filter(t -> t.holderName() != null)
                .filter(t -> t.eventId() == null || caller.mayAccessEvent(t.eventId()))
                .map(t -> new ScanResponse.Attendee(t.holderName(), t.organization(), t.ticketType()))
                .orElse(null);
        ScanResponse.FirstCheckInView first = scan.firstAt() == null ? null
                : new ScanResponse.FirstCheckInView(scan.firstAt(), scan.firstCheckpointId(), scan.firstDeviceId());
        return new ScanResponse(ScanResponse.Verdict.valueOf(scan.verdict()),
                scan.reason() == null ? null : RejectReason.valueOf(scan.reason()),
                scan.ticketId(), attendee, first, null, scan.conflict() ? Boolean.TRUE : null);
    }
}
