package dev.entrada.checkin.catalog;

import dev.entrada.contracts.catalog.EventPublished.CheckpointKind;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/** A door or session room where staff scan. */
@Introspected
public record Checkpoint(String eventId, String checkpointId, String name, CheckpointKind kind, @Nullable String sessionId) {
}
