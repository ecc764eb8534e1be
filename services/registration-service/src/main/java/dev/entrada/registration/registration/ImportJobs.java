package dev.entrada.registration.registration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Imports running in the background, so a large file can show its progress. Kept in memory by the
 * instance that runs them, for an hour after they finish: a restart forgets them (the rows already
 * committed stay), and with several instances the progress is only known to the one that took the file.
 */
@Component
public class ImportJobs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
    private static final Duration KEPT = Duration.ofHours(1);

    public enum Status { RUNNING, DONE, FAILED }

    static final class Job implements RegistrationImportService.Progress {
        final String id = UUID.randomUUID().toString();
        final String eventId;
        final int rowsTotal;
        final AtomicInteger rowsChecked = new AtomicInteger();
        final AtomicInteger rowsImported = new AtomicInteger();
        volatile Status status = Status.RUNNING;
        volatile RegistrationImportService.ImportReport report;
        volatile Instant finishedAt;

        Job(String eventId, int rowsTotal) {
            this.eventId = eventId;
            this.rowsTotal = rowsTotal;
        }

        @Override
        public void checked() {
            rowsChecked.incrementAndGet();
        }

        @Override
        public void imported() {
            rowsImported.incrementAndGet();
        }

        ImportJobView view() {
            return new ImportJobView(id, eventId, status, rowsTotal, rowsChecked.get(), rowsImported.get(), report);
        }
    }

    /** {@code GET .../imports/{jobId}}: {@code report} once {@code DONE}. */
    public record ImportJobView(String jobId, String eventId, Status status, int rowsTotal, int rowsChecked, int rowsImported,
                         RegistrationImportService.ImportReport report) {
    }

    private final RegistrationImportService imports;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    // one at a time: each holds its event's row while it registers anyway
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "csv-import"));

    ImportJobs(RegistrationImportService imports) {
        this.imports = imports;
    }

    Job start(RegistrationImportService.Prepared prepared, RegistrationImportService.Mode mode) {
        Instant cutoff = Instant.now().minus(KEPT);
        jobs.values().removeIf(j -> j.finishedAt != null && j.finishedAt.isBefore(cutoff));
        Job job = new Job(prepared.event().id(), prepared.rowsTotal());
        jobs.put(job.id, job);
        executor.execute(() -> {
            try {
                job.report = imports.run(prepared, mode, job);
                job.status = Status.DONE;
            } catch (RuntimeException e) {
                log.error("import {} failed", job.id, e);
                job.status = Status.FAILED;
            } finally {
                job.finishedAt = Instant.now();
            }
        });
        return job;
    }

    Optional<Job> find(String eventId, String jobId) {
        return Optional.ofNullable(jobs.get(jobId)).filter(j -> j.eventId.equals(eventId));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
