package dev.entrada.checkin.scan;

import dev.entrada.checkin.scan.CheckInDecider.Admission;
import dev.entrada.checkin.scan.CheckInResult.Admitted;
import dev.entrada.checkin.scan.CheckInDecider.Direction;
import dev.entrada.checkin.scan.CheckInResult.AlreadyCheckedIn;
import dev.entrada.checkin.scan.CheckInResult.CheckedOut;
import dev.entrada.checkin.scan.CheckInResult.NotInside;
import dev.entrada.checkin.scan.CheckInResult.FirstCheckIn;
import dev.entrada.checkin.scan.CheckInResult.Rejected;
import dev.entrada.contracts.catalog.EventPublished.CheckpointKind;
import dev.entrada.contracts.code.Ed25519Keys;
import dev.entrada.contracts.code.TicketCode;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CheckInDeciderTest {
    private static final String EVENT = "b2b-industrial-2017";
    private static final String KEY_ID = "1A2B";
    private static final KeyPair KEYS = Ed25519Keys.generate();
    private static final Instant NOW = Instant.parse("2017-11-23T08:41:07Z");

    private final CheckInDecider decider = new CheckInDecider();
    private final FakeReplica replica = new FakeReplica();
    private final FakeAdmissions admissions = new FakeAdmissions();
    private final UUID ticketId = UUID.randomUUID();

    {
        replica.keys.put(KEY_ID, KEYS.getPublic());
    }

    @Test
    void admitsAValidTicketTheFirstTime() {
        CheckInResult result = decide(code(ticketId, EVENT, KEY_ID), "entrance", CheckpointKind.DOOR, "door-1");

        assertThat(result).isInstanceOfSatisfying(Admitted.class, a -> assertThat(a.claims().ticketId()).isEqualTo(ticketId));
        assertThat(admissions.recorded).singleElement().satisfies(a -> {
            assertThat(a.scope()).isEqualTo("EVENT");
            assertThat(a.deviceId()).isEqualTo("door-1");
        });
    }

    @Test
    void aSecondScanAtAnyDoorIsAlreadyCheckedInWithTheFirstScan() {
        decide(code(ticketId, EVENT, KEY_ID), "entrance", CheckpointKind.DOOR, "door-1");

        CheckInResult again = decider.decide(new CheckInDecider.Scan(code(ticketId, EVENT, KEY_ID), EVENT, "b2b-area",
                CheckpointKind.DOOR, null, Direction.IN, "door-2", NOW.plusSeconds(60)), replica, admissions);

        assertThat(again).isInstanceOfSatisfying(AlreadyCheckedIn.class, a ->
                assertThat(a.first()).isEqualTo(new FirstCheckIn(NOW, "entrance", "door-1")));
    }

    @Test
    void aSessionRoomHasItsOwnFirstScan() {
        decide(code(ticketId, EVENT, KEY_ID), "entrance", CheckpointKind.DOOR, "door-1");

        CheckInResult session = decide(code(ticketId, EVENT, KEY_ID), "session-room", CheckpointKind.SESSION, "room-1");

        assertThat(session).isInstanceOf(Admitted.class);
        assertThat(admissions.recorded).extracting(Admission::scope).containsExactly("EVENT", "SESSION:session-room");
    }

    @Test
    void aSessionRoomAdmitsOnlyPeopleRegisteredForItsSession() {
        UUID other = UUID.randomUUID();
        replica.sessions.put(ticketId, Set.of("clusterfy"));
        replica.sessions.put(other, Set.of());

        CheckInResult registered = decideAt(code(ticketId, EVENT, KEY_ID), "session-room", CheckpointKind.SESSION, "clusterfy", Direction.IN);
        CheckInResult notRegistered = decideAt(code(other, EVENT, KEY_ID), "session-room", CheckpointKind.SESSION, "clusterfy", Direction.IN);

        assertThat(registered).isInstanceOf(Admitted.class);
        assertThat(notRegistered).isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).isEqualTo(RejectReason.WRONG_CHECKPOINT));
    }

    @Test
    void aSessionRoomAdmitsAValidTicketWhoseRegistrationIsNotHereYet() {
        assertThat(decideAt(code(ticketId, EVENT, KEY_ID), "session-room", CheckpointKind.SESSION, "clusterfy", Direction.IN))
                .isInstanceOf(Admitted.class);
    }

    @Test
    void exitThenReentryAdmitsAgainButTwoEntriesInARowDoNot() {
        String code = code(ticketId, EVENT, KEY_ID);
        assertThat(decideAt(code, "entrance", CheckpointKind.DOOR, null, Direction.OUT)).isInstanceOf(NotInside.class);
        assertThat(decideAt(code, "entrance", CheckpointKind.DOOR, null, Direction.IN)).isInstanceOf(Admitted.class);
        assertThat(decideAt(code, "entrance", CheckpointKind.DOOR, null, Direction.OUT)).isInstanceOf(CheckedOut.class);
        assertThat(decideAt(code, "entrance", CheckpointKind.DOOR, null, Direction.OUT)).isInstanceOf(NotInside.class);
        assertThat(decideAt(code, "b2b-area", CheckpointKind.DOOR, null, Direction.IN)).isInstanceOf(Admitted.class);
        assertThat(decideAt(code, "entrance", CheckpointKind.DOOR, null, Direction.IN)).isInstanceOf(AlreadyCheckedIn.class);
    }

    @Test
    void aManualCheckInNeedsATicketTheReplicaKnowsForThisEvent() {
        CheckInDecider.Scan desk = new CheckInDecider.Scan(null, EVENT, "entrance", CheckpointKind.DOOR, null, Direction.IN, "desk", NOW);

        assertThat(decider.decideManual(new CheckInDecider.ManualTicket(ticketId, null, null), desk, replica, admissions))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).isEqualTo(RejectReason.NOT_FOUND));
        assertThat(decider.decideManual(new CheckInDecider.ManualTicket(ticketId, "telecom-night-2017", "GALA"), desk, replica, admissions))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).isEqualTo(RejectReason.WRONG_EVENT));
        assertThat(decider.decideManual(new CheckInDecider.ManualTicket(ticketId, EVENT, "COMPANY"), desk, replica, admissions))
                .isInstanceOfSatisfying(Admitted.class, a -> assertThat(a.claims().ticketId()).isEqualTo(ticketId));
        assertThat(decider.decideManual(new CheckInDecider.ManualTicket(ticketId, EVENT, "COMPANY"), desk, replica, admissions))
                .isInstanceOf(AlreadyCheckedIn.class);
    }

    @Test
    void aManualCheckInOfARevokedTicketIsRejected() {
        replica.revoked.add(ticketId);
        CheckInDecider.Scan desk = new CheckInDecider.Scan(null, EVENT, "entrance", CheckpointKind.DOOR, null, Direction.IN, "desk", NOW);

        assertRejected(decider.decideManual(new CheckInDecider.ManualTicket(ticketId, EVENT, "COMPANY"), desk, replica, admissions),
                RejectReason.REVOKED, true);
    }

    @Test
    void garbageIsMalformed() {
        assertRejected(decide("NOT-A-TICKET", "entrance", CheckpointKind.DOOR, "door-1"), RejectReason.MALFORMED, false);
        assertRejected(decide("", "entrance", CheckpointKind.DOOR, "door-1"), RejectReason.MALFORMED, false);
    }

    @Test
    void aCodeSignedWithAnUnpublishedKeyIsUnknownKey() {
        assertRejected(decide(code(ticketId, EVENT, "0FFF"), "entrance", CheckpointKind.DOOR, "door-1"), RejectReason.UNKNOWN_KEY, false);
    }

    @Test
    void aCodeSignedWithARetiredKeyIsUnknownKey() {
        replica.keys.remove(KEY_ID);

        assertRejected(decide(code(ticketId, EVENT, KEY_ID), "entrance", CheckpointKind.DOOR, "door-1"), RejectReason.UNKNOWN_KEY, false);
    }

    @Test
    void aCodeSignedByAnotherKeyIsInvalidSignature() {
        String forged = TicketCode.sign(ticketId, EVENT, "COMPANY", KEY_ID, null, null, Ed25519Keys.generate().getPrivate());

        assertRejected(decide(forged, "entrance", CheckpointKind.DOOR, "door-1"), RejectReason.INVALID_SIGNATURE, false);
    }

    @Test
    void oneChangedCharacterNeverAdmits() {
        String code = code(ticketId, EVENT, KEY_ID);
        int position = 60;
        String flipped = code.substring(0, position) + (code.charAt(position) == 'A' ? 'B' : 'A') + code.substring(position + 1);

        CheckInResult result = decide(flipped, "entrance", CheckpointKind.DOOR, "door-1");

        assertThat(result).isInstanceOfSatisfying(Rejected.class, r ->
                assertThat(r.reason()).isIn(RejectReason.INVALID_SIGNATURE, RejectReason.MALFORMED));
        assertThat(admissions.recorded).isEmpty();
    }

    @Test
    void aTicketForAnotherEventIsWrongEvent() {
        assertRejected(decide(code(ticketId, "telecom-night-2017", KEY_ID), "entrance", CheckpointKind.DOOR, "door-1"),
                RejectReason.WRONG_EVENT, true);
    }

    @Test
    void outsideTheValidityWindowIsRejected() {
        String early = TicketCode.sign(ticketId, EVENT, "COMPANY", KEY_ID, NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(9)), KEYS.getPrivate());
        String late = TicketCode.sign(ticketId, EVENT, "COMPANY", KEY_ID, NOW.minus(Duration.ofHours(9)), NOW.minus(Duration.ofHours(1)), KEYS.getPrivate());
        String inside = TicketCode.sign(ticketId, EVENT, "COMPANY", KEY_ID, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(1)), KEYS.getPrivate());

        assertRejected(decide(early, "entrance", CheckpointKind.DOOR, "door-1"), RejectReason.OUTSIDE_WINDOW, true);
        assertRejected(decide(late, "entrance", CheckpointKind.DOOR, "door-1"), RejectReason.OUTSIDE_WINDOW, true);
        assertThat(decide(inside, "entrance", CheckpointKind.DOOR, "door-1")).isInstanceOf(Admitted.class);
    }

    @Test
    void aRevokedTicketIsRejectedEvenWithAValidSignature() {
        replica.revoked.add(ticketId);

        assertRejected(decide(code(ticketId, EVENT, KEY_ID), "entrance", CheckpointKind.DOOR, "door-1"), RejectReason.REVOKED, true);
    }

    @Test
    void signatureIsCheckedBeforeTheEvent() {
        String forgedForOtherEvent = TicketCode.sign(ticketId, "telecom-night-2017", "COMPANY", KEY_ID, null, null,
                Ed25519Keys.generate().getPrivate());

        assertRejected(decide(forgedForOtherEvent, "entrance", CheckpointKind.DOOR, "door-1"), RejectReason.INVALID_SIGNATURE, false);
    }

    private CheckInResult decide(String code, String checkpointId, CheckpointKind kind, String deviceId) {
        return decider.decide(new CheckInDecider.Scan(code, EVENT, checkpointId, kind, null, Direction.IN, deviceId, NOW), replica, admissions);
    }

    private CheckInResult decideAt(String code, String checkpointId, CheckpointKind kind, String sessionId, Direction direction) {
        return decider.decide(new CheckInDecider.Scan(code, EVENT, checkpointId, kind, sessionId, direction, "door-1", NOW), replica, admissions);
    }

    private void assertRejected(CheckInResult result, RejectReason reason, boolean ticketKnown) {
        assertThat(result).isInstanceOfSatisfying(Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(reason);
            assertThat(r.ticketId()).isEqualTo(ticketKnown ? Optional.of(ticketId) : Optional.empty());
        });
        assertThat(admissions.recorded).isEmpty();
    }

    private static String code(UUID ticketId, String eventId, String keyId) {
        return TicketCode.sign(ticketId, eventId, "COMPANY", keyId, null, null, KEYS.getPrivate());
    }

    private static final class FakeReplica implements CheckInDecider.Replica {
        final Map<String, PublicKey> keys = new HashMap<>();
        final Set<UUID> revoked = new HashSet<>();
        final Map<UUID, Set<String>> sessions = new HashMap<>();

        @Override
        public Optional<PublicKey> activeKey(String keyId) {
            return Optional.ofNullable(keys.get(keyId));
        }

        @Override
        public boolean isRevoked(UUID ticketId) {
            return revoked.contains(ticketId);
        }

        @Override
        public Optional<Set<String>> sessionsOf(UUID ticketId) {
            return Optional.ofNullable(sessions.get(ticketId));
        }
    }

    private static final class FakeAdmissions implements CheckInDecider.Admissions {
        final List<Admission> recorded = new ArrayList<>();
        final Set<Admission> gone = new HashSet<>();

        @Override
        public Optional<FirstCheckIn> admitFirst(Admission admission) {
            Optional<Admission> current = current(admission).filter(a -> !gone.contains(a));
            if (current.isEmpty()) {
                recorded.add(admission);
            }
            return current.map(a -> new FirstCheckIn(a.at(), a.checkpointId(), a.deviceId()));
        }

        @Override
        public boolean exit(Admission admission) {
            Optional<Admission> current = current(admission).filter(a -> !gone.contains(a));
            current.ifPresent(gone::add);
            return current.isPresent();
        }

        private Optional<Admission> current(Admission admission) {
            return recorded.stream()
                    .filter(a -> a.eventId().equals(admission.eventId()) && a.ticketId().equals(admission.ticketId())
                            && a.scope().equals(admission.scope()))
                    .reduce((first, second) -> second);
        }
    }
}
