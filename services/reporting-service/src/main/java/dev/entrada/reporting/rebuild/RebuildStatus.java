package dev.entrada.reporting.rebuild;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * Where a rebuild of the projections stands.
 *
 * @param state    {@code IDLE} (none since start-up), {@code RUNNING}, {@code DONE} or {@code FAILED}
 * @param records  records to replay: everything on the topics when the rebuild started
 * @param read     records replayed so far
 * @param applied  of those, facts applied (the rest: duplicates, unknown types, unreadable records)
 * @param progress {@code read / records}, 0 to 1
 */
@Serdeable
public record RebuildStatus(String state, @Nullable Instant startedAt, @Nullable Instant finishedAt,
                            long records, long read, long applied, double progress, @Nullable String error) {

    static RebuildStatus idle() {
        return new RebuildStatus("IDLE", null, null, 0, 0, 0, 0, null);
    }

    static RebuildStatus started(Instant at) {
        return new RebuildStatus("RUNNING", at, null, 0, 0, 0, 0, null);
    }

    boolean running() {
        return "RUNNING".equals(state);
    }

    RebuildStatus progressed(long records, long read, long applied) {
        return new RebuildStatus(state, startedAt, null, records, read, applied, records == 0 ? 1 : (double) read / records, null);
    }

    RebuildStatus done(Instant at) {
        return new RebuildStatus("DONE", startedAt, at, records, records, applied, 1, null);
    }

    RebuildStatus failed(Instant at, String error) {
        return new RebuildStatus("FAILED", startedAt, at, records, read, applied, progress, error);
    }
}
