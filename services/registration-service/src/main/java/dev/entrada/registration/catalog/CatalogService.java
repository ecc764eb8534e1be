package dev.entrada.registration.catalog;

import dev.entrada.registration.messaging.OutboxWriter;
import dev.entrada.registration.registration.RegistrationService;
import dev.entrada.registration.web.InvalidField;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Organisers' changes to the catalogue; each commits with its {@code EventPublished} in the outbox. */
@Service
class CatalogService {
    private final EventRepository events;
    private final RegistrationService registrations;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;

    CatalogService(EventRepository events, RegistrationService registrations, OutboxWriter outbox, TransactionTemplate tx) {
        this.events = events;
        this.registrations = registrations;
        this.outbox = outbox;
        this.tx = tx;
    }

    sealed interface Change {
        record Saved(Event event) implements Change {
        }

        record Invalid(List<InvalidField> errors) implements Change {
        }

        record AlreadyExists() implements Change {
        }

        record NotFound() implements Change {
        }
    }

    Change create(EventRequest request) {
        List<InvalidField> errors = EventRules.check(request);
        if (!errors.isEmpty()) {
            return new Change.Invalid(errors);
        }
        try {
            return tx.execute(status -> {
                if (events.lock(request.id())) {
                    return new Change.AlreadyExists();
                }
                events.create(request);
                return new Change.Saved(publish(request.id()));
            });
        } catch (DuplicateKeyException e) {
            return new Change.AlreadyExists();
        }
    }

    Change replace(EventRequest request) {
        List<InvalidField> errors = new ArrayList<>(EventRules.check(request));
        return tx.execute(status -> {
            // the event row first, as for every change of seats: registrations wait while it changes
            if (!events.lock(request.id())) {
                return new Change.NotFound();
            }
            errors.addAll(EventRules.checkChange(request, events.confirmed(request.id()),
                    events.ticketTypeUsage(request.id()), events.sessionUsage(request.id())));
            if (!errors.isEmpty()) {
                status.setRollbackOnly();
                return new Change.Invalid(List.copyOf(errors));
            }
            events.replace(request);
            Event saved = publish(request.id());
            // more seats: those waiting move in now, as after a cancellation
            return registrations.promoteWhileSeatsAreFree(request.id()) == 0 ? new Change.Saved(saved)
                    : new Change.Saved(events.find(request.id()).orElseThrow());
        });
    }

    private Event publish(String id) {
        Event event = events.find(id).orElseThrow();
        events.markPublished(id, event.version());
        outbox.append(event.toPublished(Instant.now()));
        return event;
    }
}
