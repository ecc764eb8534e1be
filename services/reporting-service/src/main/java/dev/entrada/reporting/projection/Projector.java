package dev.entrada.reporting.projection;

import dev.entrada.contracts.DomainEvent;
import dev.entrada.contracts.catalog.EventPublished;
import dev.entrada.contracts.checkin.AttendeeCheckedIn;
import dev.entrada.contracts.checkin.AttendeeCheckedOut;
import dev.entrada.contracts.checkin.CheckInConflict;
import dev.entrada.contracts.checkin.CheckInRejected;
import dev.entrada.contracts.registration.AttendeeErased;
import dev.entrada.contracts.registration.RegistrationCancelled;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.registration.RegistrationCorrected;
import dev.entrada.contracts.registration.RegistrationWaitlisted;
import dev.entrada.contracts.signing.SigningKeyEvent;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.contracts.ticket.TicketRevoked;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Applies one event to the projections in one transaction with its processed_events row, so a
 * redelivered event changes nothing. Events must already be checked (see messaging.EventChecks).
 *
 * <p>A wipe never overlaps an apply in this process: each holds a lock for its whole transaction. Without
 * it, an apply committing while a wipe's DELETEs run could leave its processed_events row behind with its
 * counts deleted, and the rebuild would then skip that event for good.
 */
@Singleton
public class Projector {
    static final String CONFIRMED = "CONFIRMED";
    static final String WAITLISTED = "WAITLISTED";
    static final String CANCELLED = "CANCELLED";

    /** Everything folded from the topics; projection_changes stays, so change counters keep growing. */
    static final List<String> PROJECTION_TABLES = List.of("processed_events", "events", "event_ticket_types",
            "event_checkpoints", "event_sessions", "registrations", "registration_sessions", "tickets", "admissions",
            "exits", "rejections", "conflicts", "devices");

    private final ProjectionRepository repository;
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final ReadWriteLock wipeLock = new ReentrantReadWriteLock();

    public Projector(ProjectionRepository repository, JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Empties every projection in one transaction, before a rebuild from the topics' history. */
    public void wipe() {
        wipeLock.writeLock().lock();
        try {
            transactions.executeWrite(status -> jdbc.execute(connection -> {
                try (Statement statement = connection.createStatement()) {
                    for (String table : PROJECTION_TABLES) {
                        statement.executeUpdate("DELETE FROM " + table);
                    }
                }
                return null;
            }));
        } finally {
            wipeLock.writeLock().unlock();
        }
    }

    /** @return false if this event id was applied before (nothing changed) */
    public boolean apply(String eventId, String topic, String typeName, DomainEvent event) {
        wipeLock.readLock().lock();
        try {
            return transactions.executeWrite(status -> applyInTransaction(eventId, topic, typeName, event));
        } finally {
            wipeLock.readLock().unlock();
        }
    }

    private boolean applyInTransaction(String eventId, String topic, String typeName, DomainEvent event) {
        Instant now = Instant.now();
        if (repository.markProcessed(eventId, typeName, topic, now) == 0) {
            return false;
        }
        String catalogueEvent = project(event);
        if (catalogueEvent != null) {
            repository.touch(catalogueEvent, now);
        }
        return true;
    }

    /** @return the catalogue event whose projection changed, or null if none */
    private String project(DomainEvent event) {
        if (event instanceof EventPublished e) {
            published(e);
            return e.eventId();
        } else if (event instanceof RegistrationConfirmed e) {
            repository.upsertRegistration(e.registrationId(), e.eventId(), CONFIRMED, e.ticketType(), e.country(),
                    e.organizationKind(), e.organization(), e.fullName(), e.jobTitle(), e.occurredAt());
            if (e.sessions() != null) {
                repository.clearRegistrationSessions(e.registrationId());
                new LinkedHashSet<>(e.sessions()).forEach(s -> repository.addRegistrationSession(e.registrationId(), s));
            }
            return e.eventId();
        } else if (event instanceof RegistrationWaitlisted e) {
            repository.upsertRegistration(e.registrationId(), e.eventId(), WAITLISTED, e.ticketType(), e.country(),
                    null, e.organization(), e.fullName(), null, e.occurredAt());
            return e.eventId();
        } else if (event instanceof RegistrationCorrected e) {
            repository.correctRegistration(e.registrationId(), e.country(), e.organization(), e.fullName(), e.jobTitle());
            return e.eventId();
        } else if (event instanceof RegistrationCancelled e) {
            repository.upsertRegistration(e.registrationId(), e.eventId(), CANCELLED, null, null, null, null, null, null,
                    e.occurredAt());
            return e.eventId();
        } else if (event instanceof AttendeeErased e) {
            repository.eraseRegistration(e.registrationId());
            return e.eventId();
        } else if (event instanceof TicketIssued e) {
            repository.upsertTicket(e.ticketId(), e.registrationId(), e.eventId(), e.ticketType());
            return e.eventId();
        } else if (event instanceof TicketRevoked e) {
            repository.revokeTicket(e.ticketId(), e.eventId());
            return e.eventId();
        } else if (event instanceof AttendeeCheckedIn e) {
            repository.recordAdmission(e.ticketId(), e.checkpointId(), e.eventId(), e.ticketType(),
                    firstNonNull(e.scannedAt(), e.occurredAt()), e.deviceId(), e.method());
            contact(e.eventId(), e.deviceId(), e.checkpointId(), e.occurredAt(), e.scannedAt());
            return e.eventId();
        } else if (event instanceof AttendeeCheckedOut e) {
            repository.recordExit(e.ticketId(), e.checkpointId(), e.eventId(), firstNonNull(e.scannedAt(), e.occurredAt()));
            contact(e.eventId(), e.deviceId(), e.checkpointId(), e.occurredAt(), e.scannedAt());
            return e.eventId();
        } else if (event instanceof CheckInRejected e) {
            repository.recordRejection(e.eventId(), e.checkpointId(), e.reason(), firstNonNull(e.scannedAt(), e.occurredAt()));
            contact(e.eventId(), e.deviceId(), e.checkpointId(), e.occurredAt(), e.scannedAt());
            return e.eventId();
        } else if (event instanceof CheckInConflict e) {
            repository.recordConflict(e.eventId(), e.ticketId(), e.checkpointId(), e.deviceId(),
                    firstNonNull(e.scannedAt(), e.occurredAt()), e.firstCheckpointId(), e.firstDeviceId(), e.firstScannedAt());
            contact(e.eventId(), e.deviceId(), e.checkpointId(), e.occurredAt(), e.scannedAt());
            return e.eventId();
        } else if (event instanceof SigningKeyEvent) {
            // Keys matter to check-in, not to attendance; acknowledged so the topic is consumed.
            return null;
        }
        throw new IllegalArgumentException("no projection for " + event.getClass().getName());
    }

    private void published(EventPublished e) {
        Instant at = e.occurredAt() != null ? e.occurredAt() : Instant.now();
        if (repository.upsertEvent(e.eventId(), e.version(), e.name(), e.capacity(), at) == 0) {
            return; // an older copy than the one held
        }
        repository.clearTicketTypes(e.eventId());
        Set<String> codes = new HashSet<>();
        int position = 0;
        for (EventPublished.TicketType t : e.ticketTypes() == null ? List.<EventPublished.TicketType>of() : e.ticketTypes()) {
            if (codes.add(t.code())) {
                repository.addTicketType(e.eventId(), t.code(), position++);
            }
        }
        repository.clearCheckpoints(e.eventId());
        Set<String> ids = new HashSet<>();
        position = 0;
        for (EventPublished.Checkpoint c : e.checkpoints() == null ? List.<EventPublished.Checkpoint>of() : e.checkpoints()) {
            if (ids.add(c.id())) {
                String kind = c.kind() == null ? EventPublished.CheckpointKind.DOOR.name() : c.kind().name();
                repository.addCheckpoint(e.eventId(), c.id(), kind, c.sessionId(), position++);
            }
        }
        repository.clearSessions(e.eventId());
        Set<String> sessions = new HashSet<>();
        position = 0;
        for (EventPublished.Session s : e.sessions() == null ? List.<EventPublished.Session>of() : e.sessions()) {
            if (sessions.add(s.id())) {
                repository.addSession(e.eventId(), s.id(), s.title(), s.room(), s.capacity(), position++);
            }
        }
    }

    /**
     * Last contact is when check-in recorded the fact (occurredAt), not the device's clock: an offline
     * device's old scans uploaded now mean it is in touch now.
     */
    private void contact(String eventId, String deviceId, String checkpointId, Instant occurredAt, Instant scannedAt) {
        if (deviceId != null && !deviceId.isBlank()) {
            repository.recordDeviceContact(eventId, deviceId, checkpointId, firstNonNull(occurredAt, scannedAt));
        }
    }

    private static Instant firstNonNull(Instant a, Instant b) {
        return a != null ? a : b;
    }
}
