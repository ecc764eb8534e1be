package dev.entrada.gateway.auth;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets sessions that ended (expired or signed out or revoked) more than {@code entrada.auth.ended-sessions-kept}
 * ago, every {@code entrada.auth.session-purge-interval}: a device session a day at every door would otherwise
 * pile up for ever. The audit log keeps its entries (they name the session by id only).
 */
@Component
class SessionPurge {
    private static final Logger log = LoggerFactory.getLogger(SessionPurge.class);

    private final AuthStore store;
    private final Clock clock;
    private final Duration kept;

    SessionPurge(AuthStore store, Clock clock, @Value("${entrada.auth.ended-sessions-kept:30d}") Duration kept) {
        this.store = store;
        this.clock = clock;
        this.kept = kept;
    }

    @Scheduled(initialDelayString = "${entrada.auth.session-purge-interval:1h}",
            fixedDelayString = "${entrada.auth.session-purge-interval:1h}")
    int purge() {
        int purged = store.purgeSessions(clock.instant().minus(kept));
        if (purged > 0) {
            log.info("Forgot {} sessions that ended more than {} ago", purged, kept);
        }
        return purged;
    }
}
