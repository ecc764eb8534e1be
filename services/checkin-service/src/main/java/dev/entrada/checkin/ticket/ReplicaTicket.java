package dev.entrada.checkin.ticket;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** An issued (or revoked) ticket as the door knows it. Holder columns are null for a revocation of an unseen ticket. */
@MappedEntity("tickets")
public record ReplicaTicket(
        @Id String ticketId,
        String eventId,
        @Nullable String ticketType,
        @Nullable String holderName,
        @Nullable String organization,
        TicketStatus status,
        @Nullable String revokedReason,
        Instant updatedAt,
        @Nullable String registrationId) {

    public enum TicketStatus { ISSUED, REVOKED }
}
