package dev.entrada.registration.registration;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Anonymises the registrations of events that ended more than {@code entrada.retention-days}
 * ({@code ENTRADA_RETENTION_DAYS}, default 30) days ago, each with {@code AttendeeErased} (reason
 * {@code RETENTION}). Runs a minute after start and then every {@code entrada.retention.interval}.
 * Several instances may run it at once: each erasure re-reads its registration under the event row
 * lock, so a registration is erased (and announced) once.
 */
@Component
class RetentionJob {
    private final PersonalDataService personalData;

    RetentionJob(PersonalDataService personalData) {
        this.personalData = personalData;
    }

    @Scheduled(initialDelayString = "${entrada.retention.initial-delay:PT1M}", fixedDelayString = "${entrada.retention.interval:PT1H}")
    void run() {
        personalData.eraseExpired(Instant.now());
    }
}
