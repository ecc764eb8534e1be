package dev.entrada.reporting.projection;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** An event already applied to the projections; its id is the event-id header. */
@MappedEntity("processed_events")
public record ProcessedEvent(@Id String eventId, String eventType, String topic, Instant processedAt) {
}
