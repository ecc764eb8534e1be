package dev.entrada.checkin.catalog;

import dev.entrada.contracts.catalog.EventPublished.CheckpointKind;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A door or session room where staff scan. */
@Introspected
@Serdeable
public record Checkpoint(String eventId, String checkpointId, String name, CheckpointKind kind, @Nullable String sessionId) {
}
