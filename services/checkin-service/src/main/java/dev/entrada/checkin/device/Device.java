package dev.entrada.checkin.device;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A scanning device: where it scans and when it was last heard from. */
@Serdeable
public record Device(String deviceId, String name, String eventId, String checkpointId, Instant registeredAt, Instant lastSeenAt) {
}
