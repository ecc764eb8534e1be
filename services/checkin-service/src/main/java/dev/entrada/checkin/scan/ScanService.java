package dev.entrada.checkin.scan;

import dev.entrada.checkin.catalog.CatalogReplica;
import dev.entrada.checkin.catalog.Checkpoint;
import dev.entrada.checkin.key.SigningKeys;
import dev.entrada.checkin.messaging.OutboxWriter;
import dev.entrada.checkin.scan.CheckInResult.Admitted;
import dev.entrada.checkin.scan.CheckInResult.AlreadyCheckedIn;
import dev.entrada.checkin.scan.CheckInResult.Rejected;
import dev.entrada.checkin.ticket.ReplicaTicket;
import dev.entrada.checkin.ticket.TicketReplica;
import dev.entrada.checkin.web.InvalidInputException;
import dev.entrada.contracts.checkin.AttendeeCheckedIn;
import dev.entrada.contracts.checkin.CheckInRejected;
import dev.entrada.contracts.code.TicketCode;
import dev.entrada.outbox.OutboxRelay;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.security.PublicKey;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Runs a scan: the decision, the scan row, the admission and the outbox event commit together. */
@Singleton
public class ScanService {
    private static final String METHOD_SCAN = "SCAN";

    private final CheckInDecider decider = new CheckInDecider();
    private final CatalogReplica catalog;
    private final SigningKeys keys;
    private final TicketReplica tickets;
    private final ScanStore store;
    private final ScanRepository scans;
    private final OutboxWriter outbox;
    private final OutboxRelay relay;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    public ScanService(CatalogReplica catalog, SigningKeys keys, TicketReplica tickets, ScanStore store, ScanRepository scans,
                       OutboxWriter outbox, OutboxRelay relay, TransactionOperations<Connection> transactions) {
        this.catalog = catalog;
        this.keys = keys;
        this.tickets = tickets;
        this.store = store;
        this.scans = scans;
        this.outbox = outbox;
        this.relay = relay;
        this.transactions = transactions;
        this.clock = Clock.systemUTC();
    }

    public ScanResponse scan(ScanRequest request) {
        Optional<ScanRecord> earlier = scans.findByDeviceIdAndNonce(request.deviceId(), request.nonce());
        if (earlier.isPresent()) {
            return respond(earlier.get());
        }
        String direction = request.direction() == null ? "IN" : request.direction();
        if (!"IN".equals(direction)) {
            throw new InvalidInputException("direction", "exit scans are not supported yet");
        }
        Checkpoint checkpoint = checkpoint(request);
        // Microseconds: what both databases store, so a replayed answer equals the first one.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        CheckInDecider.Scan scan = new CheckInDecider.Scan(request.code(), checkpoint.eventId(), checkpoint.checkpointId(),
                checkpoint.kind(), request.deviceId(), now);
        Optional<ScanRecord> recorded = transactions.executeWrite(status -> {
            CheckInResult result = decider.decide(scan, replica(), store);
            ScanRecord record = record(request, checkpoint, direction, result, now);
            if (!store.insertIfNew(record)) {
                // The same device and nonce won a concurrent race: undo ours, answer with theirs.
                status.setRollbackOnly();
                return Optional.<ScanRecord>empty();
            }
            emit(result, checkpoint, request.deviceId(), now);
            return Optional.of(record);
        });
        if (recorded.isEmpty()) {
            return respond(scans.findByDeviceIdAndNonce(request.deviceId(), request.nonce()).orElseThrow());
        }
        relay.wakeUp();
        return respond(recorded.get());
    }

    private Checkpoint checkpoint(ScanRequest request) {
        List<Checkpoint> candidates = catalog.checkpoints(request.checkpointId()).stream()
                .filter(c -> request.eventId() == null || c.eventId().equals(request.eventId()))
                .toList();
        if (candidates.isEmpty()) {
            throw new InvalidInputException("checkpointId", "no such checkpoint");
        }
        if (candidates.size() > 1) {
            throw new InvalidInputException("checkpointId", "more than one event has this checkpoint; send eventId too");
        }
        return candidates.get(0);
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
        };
    }

    private static ScanRecord record(ScanRequest request, Checkpoint checkpoint, String direction, CheckInResult result, Instant now) {
        String ticketId = result.ticketId().map(UUID::toString).orElse(null);
        String verdict;
        String reason = null;
        CheckInResult.FirstCheckIn first = null;
        if (result instanceof Admitted) {
            verdict = ScanResponse.Verdict.ADMITTED.name();
        } else if (result instanceof AlreadyCheckedIn already) {
            verdict = ScanResponse.Verdict.ALREADY_CHECKED_IN.name();
            first = already.first();
        } else {
            verdict = ScanResponse.Verdict.REJECTED.name();
            reason = ((Rejected) result).reason().name();
        }
        return new ScanRecord(null, request.deviceId(), request.nonce(), checkpoint.eventId(), checkpoint.checkpointId(), direction,
                ticketId, verdict, reason, first == null ? null : first.at(), first == null ? null : first.checkpointId(),
                first == null ? null : first.deviceId(), now);
    }

    /** A repeat of an admitted ticket is not a new fact for the rest of the system, so it emits nothing. */
    private void emit(CheckInResult result, Checkpoint checkpoint, String deviceId, Instant now) {
        if (result instanceof Admitted admitted) {
            TicketCode.Claims claims = admitted.claims();
            String ticketType = tickets.find(claims.ticketId()).map(ReplicaTicket::ticketType)
                    .or(() -> catalog.ticketType(checkpoint.eventId(), claims))
                    .orElse(null);
            outbox.append(new AttendeeCheckedIn(claims.ticketId().toString(), checkpoint.eventId(), ticketType,
                    checkpoint.checkpointId(), deviceId, METHOD_SCAN, null, now, now));
        } else if (result instanceof Rejected rejected) {
            outbox.append(new CheckInRejected(rejected.ticketId().map(UUID::toString).orElse(null), checkpoint.eventId(),
                    checkpoint.checkpointId(), deviceId, rejected.reason().name(), null, now, now));
        }
    }

    /** Built from the stored scan, so a retried request gets the very same answer. */
    private ScanResponse respond(ScanRecord scan) {
        ScanResponse.Attendee attendee = scan.ticketId() == null ? null : tickets.find(UUID.fromString(scan.ticketId()))
                .filter(t -> t.holderName() != null)
                .map(t -> new ScanResponse.Attendee(t.holderName(), t.organization(), t.ticketType()))
                .orElse(null);
        ScanResponse.FirstCheckInView first = scan.firstAt() == null ? null
                : new ScanResponse.FirstCheckInView(scan.firstAt(), scan.firstCheckpointId(), scan.firstDeviceId());
        return new ScanResponse(ScanResponse.Verdict.valueOf(scan.verdict()),
                scan.reason() == null ? null : RejectReason.valueOf(scan.reason()),
                scan.ticketId(), attendee, first);
    }
}
