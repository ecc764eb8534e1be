package dev.entrada.reporting.messaging;

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
import dev.entrada.contracts.signing.SigningKeyPublished;
import dev.entrada.contracts.signing.SigningKeyRetired;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.contracts.ticket.TicketRevoked;

import java.util.ArrayList;
import java.util.List;

/**
 * What a projection needs from each event: the ids it is keyed by, present and within the column
 * sizes. An event failing these is a poison record, so it is refused before any SQL runs.
 */
final class EventChecks {
    static final int EVENT_ID = 100;
    static final int ID = 64;
    static final int CHECKPOINT_ID = 100;
    static final int CODE = 64;
    static final int NAME = 300;
    static final int METHOD = 16;

    /** Every problem found, as "field: what is wrong"; empty when the event can be projected. */
    static List<String> problems(DomainEvent event) {
        Problems p = new Problems();
        if (event instanceof EventPublished e) {
            p.required("eventId", e.eventId(), EVENT_ID).required("name", e.name(), NAME);
            if (e.ticketTypes() != null) {
                e.ticketTypes().forEach(t -> p.required("ticketTypes.code", t == null ? null : t.code(), CODE));
            }
            if (e.checkpoints() != null) {
                e.checkpoints().forEach(c -> p.required("checkpoints.id", c == null ? null : c.id(), CHECKPOINT_ID)
                        .optional("checkpoints.sessionId", c == null ? null : c.sessionId(), CHECKPOINT_ID));
            }
            if (e.sessions() != null) {
                e.sessions().forEach(s -> p.required("sessions.id", s == null ? null : s.id(), CHECKPOINT_ID)
                        .optional("sessions.title", s == null ? null : s.title(), NAME)
                        .optional("sessions.room", s == null ? null : s.room(), NAME));
            }
        } else if (event instanceof RegistrationConfirmed e) {
            p.required("registrationId", e.registrationId(), ID).required("eventId", e.eventId(), EVENT_ID)
                    .time("occurredAt", e.occurredAt() != null)
                    .optional("ticketType", e.ticketType(), CODE).optional("country", e.country(), CODE)
                    .optional("organization", e.organization(), NAME).optional("organizationKind", e.organizationKind(), CODE)
                    .optional("fullName", e.fullName(), NAME).optional("jobTitle", e.jobTitle(), NAME);
            if (e.sessions() != null) {
                e.sessions().forEach(s -> p.required("sessions", s, CHECKPOINT_ID));
            }
        } else if (event instanceof RegistrationCorrected e) {
            p.required("registrationId", e.registrationId(), ID).required("eventId", e.eventId(), EVENT_ID)
                    .optional("country", e.country(), CODE).optional("organization", e.organization(), NAME)
                    .optional("fullName", e.fullName(), NAME).optional("jobTitle", e.jobTitle(), NAME);
        } else if (event instanceof RegistrationWaitlisted e) {
            p.required("registrationId", e.registrationId(), ID).required("eventId", e.eventId(), EVENT_ID)
                    .time("occurredAt", e.occurredAt() != null)
                    .optional("ticketType", e.ticketType(), CODE).optional("country", e.country(), CODE)
                    .optional("organization", e.organization(), NAME).optional("fullName", e.fullName(), NAME);
        } else if (event instanceof RegistrationCancelled e) {
            p.required("registrationId", e.registrationId(), ID).required("eventId", e.eventId(), EVENT_ID)
                    .time("occurredAt", e.occurredAt() != null);
        } else if (event instanceof AttendeeErased e) {
            p.required("registrationId", e.registrationId(), ID).required("eventId", e.eventId(), EVENT_ID);
        } else if (event instanceof TicketIssued e) {
            p.required("ticketId", e.ticketId(), ID).required("eventId", e.eventId(), EVENT_ID)
                    .optional("registrationId", e.registrationId(), ID).optional("ticketType", e.ticketType(), CODE);
        } else if (event instanceof TicketRevoked e) {
            p.required("ticketId", e.ticketId(), ID).required("eventId", e.eventId(), EVENT_ID);
        } else if (event instanceof SigningKeyPublished e) {
            p.required("keyId", e.keyId(), ID);
        } else if (event instanceof SigningKeyRetired e) {
            p.required("keyId", e.keyId(), ID);
        } else if (event instanceof AttendeeCheckedIn e) {
            p.required("ticketId", e.ticketId(), ID).required("eventId", e.eventId(), EVENT_ID)
                    .required("checkpointId", e.checkpointId(), CHECKPOINT_ID).optional("ticketType", e.ticketType(), CODE)
                    .optional("deviceId", e.deviceId(), CHECKPOINT_ID).optional("method", e.method(), METHOD)
                    .time("scannedAt or occurredAt", e.scannedAt() != null || e.occurredAt() != null);
        } else if (event instanceof AttendeeCheckedOut e) {
            p.required("ticketId", e.ticketId(), ID).required("eventId", e.eventId(), EVENT_ID)
                    .required("checkpointId", e.checkpointId(), CHECKPOINT_ID).optional("deviceId", e.deviceId(), CHECKPOINT_ID)
                    .time("scannedAt or occurredAt", e.scannedAt() != null || e.occurredAt() != null);
        } else if (event instanceof CheckInRejected e) {
            p.required("eventId", e.eventId(), EVENT_ID).required("reason", e.reason(), CODE)
                    .optional("checkpointId", e.checkpointId(), CHECKPOINT_ID).optional("deviceId", e.deviceId(), CHECKPOINT_ID)
                    .time("scannedAt or occurredAt", e.scannedAt() != null || e.occurredAt() != null);
        } else if (event instanceof CheckInConflict e) {
            p.required("ticketId", e.ticketId(), ID).required("eventId", e.eventId(), EVENT_ID)
                    .optional("checkpointId", e.checkpointId(), CHECKPOINT_ID).optional("deviceId", e.deviceId(), CHECKPOINT_ID)
                    .optional("firstCheckpointId", e.firstCheckpointId(), CHECKPOINT_ID)
                    .optional("firstDeviceId", e.firstDeviceId(), CHECKPOINT_ID)
                    .time("scannedAt or occurredAt", e.scannedAt() != null || e.occurredAt() != null);
        } else {
            p.problems.add("no checks for " + event.getClass().getSimpleName());
        }
        return List.copyOf(p.problems);
    }

    private static final class Problems {
        private final List<String> problems = new ArrayList<>();

        Problems required(String field, String value, int maxLength) {
            if (value == null || value.isBlank()) {
                problems.add(field + ": missing");
            }
            return optional(field, value, maxLength);
        }

        Problems optional(String field, String value, int maxLength) {
            if (value != null && value.length() > maxLength) {
                problems.add(field + ": longer than " + maxLength + " characters");
            }
            return this;
        }

        Problems time(String field, boolean present) {
            if (!present) {
                problems.add(field + ": missing");
            }
            return this;
        }
    }

    private EventChecks() {
    }
}
