package dev.entrada.registration.registration;

import dev.entrada.contracts.registration.RegistrationCancelled;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.registration.RegistrationCorrected;
import dev.entrada.contracts.registration.RegistrationWaitlisted;
import dev.entrada.registration.catalog.Event;
import dev.entrada.registration.catalog.EventRepository;
import dev.entrada.registration.messaging.OutboxWriter;
import dev.entrada.registration.registration.RegistrationOutcome.AlreadyRegistered;
import dev.entrada.registration.registration.RegistrationOutcome.Created;
import dev.entrada.registration.registration.RegistrationRepository.Hold;
import dev.entrada.registration.registration.RegistrationRules.Admission;
import dev.entrada.registration.registration.RegistrationRules.Selection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

@Service
public class RegistrationService {
    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);
    /** How many waiting registrations a cancellation looks at for one that fits the freed seats. */
    private static final int PROMOTION_SCAN = 200;

    private final EventRepository events;
    private final RegistrationRepository registrations;
    private final IdempotencyKeys idempotencyKeys;
    private final RegistrationAttempts attempts;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final String privacyPolicyVersion;

    RegistrationService(EventRepository events, RegistrationRepository registrations, IdempotencyKeys idempotencyKeys,
                        RegistrationAttempts attempts, OutboxWriter outbox, TransactionTemplate tx, JsonMapper json,
                        @Value("${entrada.registration.privacy-policy-version}") String privacyPolicyVersion) {
        this.events = events;
        this.registrations = registrations;
        this.idempotencyKeys = idempotencyKeys;
        this.attempts = attempts;
        this.outbox = outbox;
        this.tx = tx;
        this.json = json;
        this.privacyPolicyVersion = privacyPolicyVersion;
    }

    public RegistrationOutcome register(String eventId, RegisterAttendeeRequest request) {
        return register(eventId, request, null);
    }

    /** With an {@code idempotencyKey}, a retry of the same body gets the first answer, even its token. */
    public RegistrationOutcome register(String eventId, RegisterAttendeeRequest request, String idempotencyKey) {
        String requestHash = idempotencyKey == null ? null : AccessTokens.hash(json.writeValueAsString(request));
        if (idempotencyKey != null) {
            Optional<RegistrationOutcome> replay = replay(idempotencyKey, eventId, requestHash);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        Optional<Event> found = events.find(eventId);
        if (found.isEmpty()) {
            return new RegistrationOutcome.EventNotFound(eventId);
        }
        Event event = found.get();
        Selection selection = RegistrationRules.select(event, request.ticketType(), request.sessions());
        if (selection instanceof Selection.Invalid invalid) {
            return new RegistrationOutcome.InvalidChoice(invalid.errors());
        }
        Instant now = Instant.now();
        if (!RegistrationRules.isOpen(event, now)) {
            boolean notYet = event.registrationOpensAt() != null && now.isBefore(event.registrationOpensAt());
            return new RegistrationOutcome.RegistrationClosed(notYet ? event.registrationOpensAt() : null,
                    notYet ? null : event.registrationClosesAt());
        }
        String emailKey = RegistrationRules.emailKey(request.email());
        Optional<Registration> existing = registrations.findByEmail(eventId, emailKey);
        if (existing.isPresent()) {
            return alreadyRegistered(existing.get());
        }
        String attemptsKey = attempts.prepare(request.email());
        try {
            return tx.execute(status -> {
                // first lock of the transaction; rolled back with it when nothing is registered
                Optional<Duration> wait = attempts.count(attemptsKey);
                RegistrationOutcome outcome = wait.isPresent() ? new RegistrationOutcome.TooManyAttempts(wait.get())
                        : registerNew(event, (Selection.Valid) selection, request, emailKey);
                if (outcome instanceof Created created && idempotencyKey != null) {
                    idempotencyKeys.save(idempotencyKey, eventId, requestHash, 201, json.writeValueAsString(
                            new RegistrationResponse(created.registrationId(), created.status(), created.accessToken())));
                }
                if (!(outcome instanceof Created)) {
                    status.setRollbackOnly();
                }
                return outcome;
            });
        } catch (DuplicateKeyException e) {
            // the same person (or the same key) twice at once: the unique index let one through
            if (idempotencyKey != null) {
                Optional<RegistrationOutcome> replay = replay(idempotencyKey, eventId, requestHash);
                if (replay.isPresent()) {
                    return replay.get();
                }
            }
            return registrations.findByEmail(eventId, emailKey).map(RegistrationService::alreadyRegistered).orElseThrow(() -> e);
        }
    }

    private Optional<RegistrationOutcome> replay(String key, String eventId, String requestHash) {
        return idempotencyKeys.find(key, eventId).map(stored -> stored.requestHash().equals(requestHash)
                ? new RegistrationOutcome.Replayed(stored.httpStatus(), stored.body())
                : new RegistrationOutcome.KeyReused());
    }

    /** One transaction (the caller's): the seats (or a place in the waiting list), the registration and its event. */
    RegistrationOutcome registerNew(Event event, Selection.Valid selection, RegisterAttendeeRequest request, String emailKey) {
        String ticketType = selection.ticketType().code();
        Hold hold = registrations.holdSeats(event.id(), ticketType, selection.sessions());
        Admission admission = RegistrationRules.admit(hold == Hold.HELD, event.waitingList());
        if (admission instanceof Admission.Refuse) {
            return new RegistrationOutcome.EventFull();
        }
        RegistrationStatus status = admission instanceof Admission.Confirm ? RegistrationStatus.CONFIRMED : RegistrationStatus.WAITLISTED;
        RegistrationRepository.Waitlisting waitlisting = status == RegistrationStatus.WAITLISTED ? registrations.joinWaitlist(event.id()) : null;
        AccessTokens.AccessToken token = AccessTokens.generate();
        Instant now = Instant.now();
        NewRegistration r = new NewRegistration(UUID.randomUUID().toString(), event.id(), status, ticketType,
                request.fullName().strip(), request.email().strip(), emailKey, request.organization().strip(),
                blankToNull(request.organizationKind()), blankToNull(request.jobTitle()),
                request.country().strip().toUpperCase(Locale.ROOT), blankToNull(request.phone()), request.locale(),
                selection.sessions(), token.hash(), waitlisting == null ? null : waitlisting.seq(), privacyPolicyVersion, now);
        registrations.insert(r);
        outbox.append(status == RegistrationStatus.CONFIRMED
                ? new RegistrationConfirmed(r.id(), r.eventId(), r.ticketType(), r.fullName(), r.email(), r.organization(),
                r.organizationKind(), r.jobTitle(), r.country(), r.locale(), r.sessions(), r.accessTokenHash(), now)
                : new RegistrationWaitlisted(r.id(), r.eventId(), r.ticketType(), r.fullName(), r.email(), r.organization(),
                r.country(), r.locale(), waitlisting.position(), now));
        // ids only (no personal data); with the request's correlation id in the MDC
        log.info("registration {} {} for event {}", r.id(), status, r.eventId());
        return new Created(r.id(), status, token.value());
    }

    /** The registration only if {@code token} is its access token; otherwise as if it did not exist. */
    public Optional<Registration> find(String registrationId, String token) {
        return find(registrationId, token, false);
    }

    /** The registration for its attendee (by token) or for an organiser; otherwise as if it did not exist. */
    public Optional<Registration> find(String registrationId, String token, boolean organizer) {
        Optional<Registration> found = registrations.findById(registrationId);
        boolean matches = AccessTokens.matches(token, found.map(Registration::accessTokenHash).orElse(null));
        return matches || organizer ? found : Optional.empty();
    }

    public Optional<RegistrationView> view(String registrationId, String token, boolean organizer) {
        return find(registrationId, token, organizer).map(r -> RegistrationView.of(r, registrations.position(r)));
    }

    /**
     * Cancels a registration. A confirmed one gives its seats back and, in the same transaction,
     * the first waiting registration that fits them is confirmed. Cancelling twice changes nothing.
     *
     * @return the registration's status afterwards (CANCELLED), or empty if not found for this caller
     */
    public Optional<RegistrationStatus> cancel(String registrationId, String token, boolean organizer) {
        Optional<Registration> found = registrations.findById(registrationId);
        boolean attendee = AccessTokens.matches(token, found.map(Registration::accessTokenHash).orElse(null));
        if (found.isEmpty() || !(attendee || organizer)) {
            return Optional.empty();
        }
        String eventId = found.get().eventId();
        String reason = attendee ? "ATTENDEE" : "ORGANIZER";
        tx.executeWithoutResult(status -> {
            registrations.lockEvent(eventId);
            // read again under the event lock: every status change of this event's registrations holds it
            Registration current = registrations.findById(registrationId).orElseThrow();
            if (current.status() == RegistrationStatus.CANCELLED) {
                return;
            }
            cancelLocked(current, reason, Instant.now());
        });
        return Optional.of(RegistrationStatus.CANCELLED);
    }

    /**
     * Cancels {@code current}, which the caller read again under the event row lock it holds:
     * {@code RegistrationCancelled}, its seats back and the first waiting registration that fits
     * them confirmed (or its place in the waiting list given up). Also the first step of an erasure.
     */
    void cancelLocked(Registration current, String reason, Instant now) {
        String eventId = current.eventId();
        mustChange(registrations.changeStatus(current.id(), current.status(), RegistrationStatus.CANCELLED, now), current);
        outbox.append(new RegistrationCancelled(current.id(), eventId, reason, now));
        if (current.status() == RegistrationStatus.CONFIRMED) {
            registrations.releaseSeats(eventId, current.ticketType(), current.sessions());
            promoteFirstWaiting(eventId, now);
        } else {
            registrations.leaveWaitlist(eventId);
        }
    }

    /**
     * After an organiser raised capacities: confirms waiting registrations, first in line first,
     * while seats are free. Runs in the caller's transaction, which holds the event row.
     *
     * @return how many were confirmed
     */
    public int promoteWhileSeatsAreFree(String eventId) {
        int promoted = 0;
        while (promoteFirstWaiting(eventId, Instant.now())) {
            promoted++;
        }
        return promoted;
    }

    /** Confirms the first waiting registration whose seats are free; the caller holds the event row. */
    private boolean promoteFirstWaiting(String eventId, Instant now) {
        for (Registration candidate : registrations.waiting(eventId, PROMOTION_SCAN)) {
            Hold hold = registrations.holdSeats(eventId, candidate.ticketType(), candidate.sessions());
            if (hold == Hold.EVENT_FULL) {
                return false;
            }
            if (hold == Hold.HELD) {
                mustChange(registrations.changeStatus(candidate.id(), RegistrationStatus.WAITLISTED, RegistrationStatus.CONFIRMED, now),
                        candidate);
                registrations.leaveWaitlist(eventId);
                outbox.append(new RegistrationConfirmed(candidate.id(), eventId, candidate.ticketType(), candidate.fullName(),
                        candidate.email(), candidate.organization(), candidate.organizationKind(), candidate.jobTitle(),
                        candidate.country(), candidate.locale(), candidate.sessions(), candidate.accessTokenHash(), now));
                return true;
            }
        }
        return false;
    }

    /** What a correction can end in. */
    public sealed interface Correction {
        record Corrected(RegistrationView registration) implements Correction {
        }

        record NotFound() implements Correction {
        }

        record AlreadyCancelled() implements Correction {
        }

        /** The attendee's data was erased: nothing to correct, and no ticket may be re-issued with it. */
        record Erased() implements Correction {
        }
    }

    /**
     * Corrects the attendee's data; a change of anything a ticket prints (name, organisation, job
     * title, country) goes out as {@code RegistrationCorrected}, and ticketing re-issues the ticket.
     */
    public Correction correct(String registrationId, String token, boolean organizer, CorrectRegistrationRequest request) {
        if (find(registrationId, token, organizer).isEmpty()) {
            return new Correction.NotFound();
        }
        return tx.execute(status -> {
            registrations.lockRegistration(registrationId);
            Registration r = registrations.findById(registrationId).orElseThrow();
            if (registrations.isErased(r.id())) {
                return new Correction.Erased();
            }
            if (r.status() == RegistrationStatus.CANCELLED) {
                return new Correction.AlreadyCancelled();
            }
            String fullName = request.fullName() == null ? r.fullName() : request.fullName().strip();
            String organization = request.organization() == null ? r.organization() : request.organization().strip();
            String jobTitle = request.jobTitle() == null ? r.jobTitle() : blankToNull(request.jobTitle());
            String country = request.country() == null ? r.country() : request.country().strip().toUpperCase(Locale.ROOT);
            String phone = request.phone() == null ? r.phone() : blankToNull(request.phone());
            Instant now = Instant.now();
            registrations.correct(r.id(), fullName, organization, jobTitle, country, phone, now);
            boolean printedChanged = !fullName.equals(r.fullName()) || !organization.equals(r.organization())
                    || !Objects.equals(jobTitle, r.jobTitle()) || !country.equals(r.country());
            if (printedChanged) {
                outbox.append(new RegistrationCorrected(r.id(), r.eventId(), fullName, organization, jobTitle, country, now));
            }
            Registration updated = registrations.findById(registrationId).orElseThrow();
            return new Correction.Corrected(RegistrationView.of(updated, registrations.position(updated)));
        });
    }

    private static void mustChange(boolean changed, Registration r) {
        if (!changed) {
            // cannot happen while the event row is held; rolling back beats corrupting the counters
            throw new IllegalStateException("registration " + r.id() + " changed status under the event lock");
        }
    }

    private static AlreadyRegistered alreadyRegistered(Registration r) {
        return new AlreadyRegistered(r.id(), r.status());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
