package dev.entrada.registration.registration;

import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.registration.RegistrationWaitlisted;
import dev.entrada.registration.catalog.Event;
import dev.entrada.registration.catalog.EventRepository;
import dev.entrada.registration.messaging.OutboxWriter;
import dev.entrada.registration.registration.RegistrationOutcome.AlreadyRegistered;
import dev.entrada.registration.registration.RegistrationOutcome.Created;
import dev.entrada.registration.registration.RegistrationRules.Admission;
import dev.entrada.registration.registration.RegistrationRules.Selection;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

@Service
public class RegistrationService {
    private final EventRepository events;
    private final RegistrationRepository registrations;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;

    RegistrationService(EventRepository events, RegistrationRepository registrations, OutboxWriter outbox,
                        TransactionTemplate tx) {
        this.events = events;
        this.registrations = registrations;
        this.outbox = outbox;
        this.tx = tx;
    }

    public RegistrationOutcome register(String eventId, RegisterAttendeeRequest request) {
        Optional<Event> found = events.find(eventId);
        if (found.isEmpty()) {
            return new RegistrationOutcome.EventNotFound(eventId);
        }
        Event event = found.get();
        Selection selection = RegistrationRules.select(event, request.ticketType(), request.sessions());
        if (selection instanceof Selection.Invalid invalid) {
            return new RegistrationOutcome.InvalidChoice(invalid.errors());
        }
        if (!RegistrationRules.isOpen(event, Instant.now())) {
            return new RegistrationOutcome.RegistrationClosed();
        }
        String emailKey = RegistrationRules.emailKey(request.email());
        Optional<Registration> existing = registrations.findByEmail(eventId, emailKey);
        if (existing.isPresent()) {
            return alreadyRegistered(existing.get());
        }
        try {
            return tx.execute(status -> {
                RegistrationOutcome outcome = registerNew(event, (Selection.Valid) selection, request, emailKey);
                if (!(outcome instanceof Created)) {
                    status.setRollbackOnly();
                }
                return outcome;
            });
        } catch (DuplicateKeyException e) {
            // the same person registering twice at once: the unique index let one through
            return registrations.findByEmail(eventId, emailKey).map(RegistrationService::alreadyRegistered).orElseThrow(() -> e);
        }
    }

    /** One transaction: the seat (or the waiting-list count), the registration and its event. */
    private RegistrationOutcome registerNew(Event event, Selection.Valid selection, RegisterAttendeeRequest request, String emailKey) {
        Admission admission = RegistrationRules.admit(
                registrations.holdSeat(event.id(), selection.ticketType().code()), event.waitingList());
        if (admission instanceof Admission.Refuse) {
            return new RegistrationOutcome.EventFull();
        }
        RegistrationStatus status = admission instanceof Admission.Confirm ? RegistrationStatus.CONFIRMED : RegistrationStatus.WAITLISTED;
        if (status == RegistrationStatus.WAITLISTED) {
            registrations.countWaitlisted(event.id());
        }
        AccessTokens.AccessToken token = AccessTokens.generate();
        Instant now = Instant.now();
        NewRegistration r = new NewRegistration(UUID.randomUUID().toString(), event.id(), status, selection.ticketType().code(),
                request.fullName().strip(), request.email().strip(), emailKey, request.organization().strip(),
                blankToNull(request.organizationKind()), blankToNull(request.jobTitle()),
                request.country().strip().toUpperCase(Locale.ROOT), blankToNull(request.phone()), request.locale(),
                selection.sessions(), token.hash(), now);
        registrations.insert(r);
        outbox.append(status == RegistrationStatus.CONFIRMED
                ? new RegistrationConfirmed(r.id(), r.eventId(), r.ticketType(), r.fullName(), r.email(), r.organization(),
                r.organizationKind(), r.jobTitle(), r.country(), r.locale(), r.sessions(), r.accessTokenHash(), now)
                : new RegistrationWaitlisted(r.id(), r.eventId(), r.ticketType(), r.fullName(), r.email(), r.organization(),
                r.country(), r.locale(), null, now));
        return new Created(r.id(), status, token.value());
    }

    /** The registration only if {@code token} is its access token; otherwise as if it did not exist. */
    public Optional<Registration> find(String registrationId, String token) {
        Optional<Registration> found = registrations.findById(registrationId);
        boolean matches = AccessTokens.matches(token, found.map(Registration::accessTokenHash).orElse(null));
        return matches ? found : Optional.empty();
    }

    private static AlreadyRegistered alreadyRegistered(Registration r) {
        return new AlreadyRegistered(r.id(), r.status());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
