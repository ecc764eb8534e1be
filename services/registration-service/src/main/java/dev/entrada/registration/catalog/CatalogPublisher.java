package dev.entrada.registration.catalog;

import dev.entrada.registration.messaging.OutboxWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;

/**
 * Sends the full state of every event whose current version has not been published yet to the
 * compacted {@code event-catalog} topic (through the outbox). Runs at start-up, so the seed
 * catalogue reaches the topic on the first start; call {@link #publishPending()} after any change.
 */
@Component
public class CatalogPublisher {
    private static final Logger log = LoggerFactory.getLogger(CatalogPublisher.class);

    private final EventRepository events;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;

    CatalogPublisher(EventRepository events, OutboxWriter outbox, TransactionTemplate tx) {
        this.events = events;
        this.outbox = outbox;
        this.tx = tx;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void publishPending() {
        for (String id : events.unpublished()) {
            tx.executeWithoutResult(status -> events.find(id).ifPresent(event -> {
                if (events.markPublished(event.id(), event.version())) {
                    outbox.append(event.toPublished(Instant.now()));
                    log.info("catalogue: publishing {} version {}", event.id(), event.version());
                }
            }));
        }
    }
}
