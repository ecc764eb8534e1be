package dev.entrada.checkin.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A catalogue event as this node knows it; {@code version} lets stale copies be ignored. */
@MappedEntity("events")
public record ReplicaEvent(
        @Id String eventId,
        long version,
        String name,
        @Nullable Instant startsAt,
        @Nullable Instant endsAt,
        Instant updatedAt) {
}
