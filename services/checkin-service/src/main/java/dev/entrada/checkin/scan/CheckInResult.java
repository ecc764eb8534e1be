package dev.entrada.checkin.scan;

import dev.entrada.contracts.code.TicketCode;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The verdict on one scan. */
public sealed interface CheckInResult {

    /** The ticket, when the code's signature verified (never for a forgery or an unreadable code). */
    Optional<TicketCode.Claims> verifiedClaims();

    default Optional<UUID> ticketId() {
        return verifiedClaims().map(TicketCode.Claims::ticketId);
    }

    /** This scan is the first one: the person is in. */
    record Admitted(TicketCode.Claims claims) implements CheckInResult {
        public Admitted {
            Objects.requireNonNull(claims);
        }

        @Override
        public Optional<TicketCode.Claims> verifiedClaims() {
            return Optional.of(claims);
        }
    }

    /** A valid ticket that an earlier scan already admitted here. */
    record AlreadyCheckedIn(TicketCode.Claims claims, FirstCheckIn first) implements CheckInResult {
        public AlreadyCheckedIn {
            Objects.requireNonNull(claims);
            Objects.requireNonNull(first);
        }

        @Override
        public Optional<TicketCode.Claims> verifiedClaims() {
            return Optional.of(claims);
        }
    }

    /** An exit scan: the person was inside and now is not. */
    record CheckedOut(TicketCode.Claims claims) implements CheckInResult {
        public CheckedOut {
            Objects.requireNonNull(claims);
        }

        @Override
        public Optional<TicketCode.Claims> verifiedClaims() {
            return Optional.of(claims);
        }
    }

    /** An exit scan of a ticket that is not inside (never entered here, or already left). */
    record NotInside(TicketCode.Claims claims) implements CheckInResult {
        public NotInside {
            Objects.requireNonNull(claims);
        }

        @Override
        public Optional<TicketCode.Claims> verifiedClaims() {
            return Optional.of(claims);
        }
    }

    /** Refused; {@code claims} is null unless the signature verified. */
    record Rejected(RejectReason reason, TicketCode.Claims claims) implements CheckInResult {
        public Rejected {
            Objects.requireNonNull(reason);
        }

        @Override
        public Optional<TicketCode.Claims> verifiedClaims() {
            return Optional.ofNullable(claims);
        }
    }

    /** The entry in force: when, where and on which device. */
    record FirstCheckIn(Instant at, String checkpointId, String deviceId) {
    }
}
