package dev.entrada.registration.registration;

import dev.entrada.contracts.Topics;
import dev.entrada.contracts.registration.AttendeeErased;
import dev.entrada.registration.messaging.OutboxWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The attendee's data rights (issue 8): everything this service holds about a person as JSON, erasure
 * on request, and erasure by retention after the event.
 *
 * <p>An erasure, in one transaction under the event row lock: a registration whose event has not
 * ended is cancelled first, exactly like {@code DELETE} (seat back, next waiting person confirmed,
 * {@code RegistrationCancelled}, so ticketing revokes the ticket); then the personal fields are
 * anonymised (name {@value #ERASED_NAME}; e-mail, organisation, job title and phone removed), the
 * outbox copies of its events are dropped or blanked, and {@code AttendeeErased} goes out. Kept, for
 * the counts: event, ticket type, sessions, status, country, kind of organisation, locale, dates and
 * the consent's time and policy version. Erasing twice changes nothing.
 */
@Service
public class PersonalDataService {
    /** What an erased registration shows instead of the name. */
    public static final String ERASED_NAME = "—";
    private static final Logger log = LoggerFactory.getLogger(PersonalDataService.class);
    private static final int RETENTION_BATCH = 500;
    /** Fields of registration events that name the person; blanked in outbox rows not yet published. */
    private static final Map<String, String> PERSONAL_FIELDS = personalFields();

    private final RegistrationRepository registrations;
    private final RegistrationService registrationService;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Duration retention;

    PersonalDataService(RegistrationRepository registrations, RegistrationService registrationService, OutboxWriter outbox,
                        TransactionTemplate tx, JdbcTemplate jdbc, JsonMapper json,
                        @Value("${entrada.retention-days:30}") int retentionDays) {
        if (retentionDays < 0) {
            throw new IllegalArgumentException("entrada.retention-days (ENTRADA_RETENTION_DAYS) must be 0 or more, not " + retentionDays);
        }
        this.registrations = registrations;
        this.registrationService = registrationService;
        this.outbox = outbox;
        this.tx = tx;
        this.jdbc = jdbc;
        this.json = json;
        this.retention = Duration.ofDays(retentionDays);
    }

    /** The outcome of an erasure request. */
    public record Erasure(String registrationId, RegistrationStatus status, Instant erasedAt, String reason, boolean alreadyErased) {
    }

    /** Everything held about the registration's person, for its attendee (by token) or an organiser. */
    public Optional<Map<String, Object>> export(String registrationId, String token, boolean organizer) {
        if (!allowed(registrationId, token, organizer)) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT r.*, e.name AS event_name, e.venue AS event_venue,"
                + " e.city AS event_city, e.starts_at AS event_starts_at, e.ends_at AS event_ends_at"
                + " FROM registrations r JOIN events e ON e.id = r.event_id WHERE r.id = ?", registrationId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> row = rows.get(0);
        Registration r = registrations.findById(registrationId).orElseThrow();
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("exportedAt", Instant.now().toString());
        export.put("heldBy", "registration-service");
        export.put("registrationId", r.id());
        export.put("eventId", r.eventId());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("name", row.get("event_name"));
        event.put("venue", row.get("event_venue"));
        event.put("city", row.get("event_city"));
        event.put("startsAt", instant(row.get("event_starts_at")));
        event.put("endsAt", instant(row.get("event_ends_at")));
        export.put("event", event);
        Map<String, Object> attendee = new LinkedHashMap<>();
        attendee.put("fullName", r.fullName());
        attendee.put("email", r.email());
        attendee.put("organization", r.organization());
        attendee.put("organizationKind", r.organizationKind());
        attendee.put("jobTitle", r.jobTitle());
        attendee.put("country", r.country());
        attendee.put("phone", r.phone());
        attendee.put("locale", r.locale());
        export.put("attendee", attendee);
        export.put("status", r.status());
        export.put("waitingListPosition", registrations.position(r));
        export.put("ticketType", r.ticketType());
        export.put("sessions", r.sessions());
        export.put("ticketIds", r.ticketId() == null ? List.of() : List.of(r.ticketId()));
        Map<String, Object> consent = new LinkedHashMap<>();
        consent.put("givenAt", instant(row.get("consent_at")));
        consent.put("privacyPolicyVersion", row.get("consent_policy_version"));
        export.put("consent", consent);
        // no status history table is kept: these are all the dates the service knows
        Map<String, Object> history = new LinkedHashMap<>();
        history.put("registeredAt", instant(row.get("created_at")));
        history.put("lastChangedAt", instant(row.get("updated_at")));
        history.put("cancelledAt", instant(row.get("cancelled_at")));
        history.put("erasedAt", instant(row.get("erased_at")));
        history.put("erasureReason", row.get("erasure_reason"));
        export.put("history", history);
        export.put("alsoHeldBy", List.of(
                "ticketing-service: the ticket (holder name, organisation, e-mail) and the ticket e-mail",
                "checkin-service: name, e-mail and organisation for the staff search, and the check-ins of the ticket",
                "reporting-service: name, organisation and job title for the organisers' attendance exports"));
        return Optional.of(export);
    }

    /**
     * Erases on request of the attendee (by token) or of an organiser.
     *
     * @return empty when the registration is not found for this caller
     */
    public Optional<Erasure> erase(String registrationId, String token, boolean organizer) {
        Optional<Registration> found = registrations.findById(registrationId);
        boolean attendee = AccessTokens.matches(token, found.map(Registration::accessTokenHash).orElse(null));
        if (found.isEmpty() || !(attendee || organizer)) {
            return Optional.empty();
        }
        return Optional.of(eraseOne(registrationId, attendee ? AttendeeErased.REQUEST_BY_ATTENDEE : AttendeeErased.REQUEST_BY_ORGANIZER,
                Instant.now()));
    }

    /**
     * Retention: erases every registration of an event that ended more than {@code entrada.retention-days}
     * before {@code now} and that was itself made more than that long ago (a registration made after its
     * event ended, as the open 2017 seed events allow, is kept for the full period too).
     *
     * @return how many registrations were erased
     */
    public int eraseExpired(Instant now) {
        Timestamp cutoff = Timestamp.from(now.minus(retention));
        int erased = 0;
        while (true) {
            List<String> due = jdbc.queryForList("SELECT r.id FROM registrations r JOIN events e ON e.id = r.event_id"
                    + " WHERE r.erased_at IS NULL AND e.ends_at < ? AND r.created_at < ? ORDER BY r.created_at, r.id LIMIT "
                    + RETENTION_BATCH, String.class, cutoff, cutoff);
            for (String id : due) {
                if (!eraseOne(id, AttendeeErased.RETENTION, now).alreadyErased()) {
                    erased++;
                }
            }
            if (due.size() < RETENTION_BATCH) {
                break;
            }
        }
        if (erased > 0) {
            log.info("retention: erased the personal data of {} registration(s) of events that ended before {}", erased, cutoff.toInstant());
        }
        return erased;
    }

    private Erasure eraseOne(String registrationId, String reason, Instant now) {
        String eventId = registrations.findById(registrationId).orElseThrow().eventId();
        return tx.execute(status -> {
            registrations.lockEvent(eventId);
            // read again under the event lock: every status change of this event's registrations holds it
            Registration current = registrations.findById(registrationId).orElseThrow();
            Optional<Erasure> already = erasure(registrationId, true);
            if (already.isPresent()) {
                return already.get();
            }
            boolean eventOver = jdbc.queryForObject("SELECT ends_at FROM events WHERE id = ?", Timestamp.class, eventId)
                    .toInstant().isBefore(now);
            if (!AttendeeErased.RETENTION.equals(reason) && current.status() != RegistrationStatus.CANCELLED && !eventOver) {
                registrationService.cancelLocked(current,
                        AttendeeErased.REQUEST_BY_ATTENDEE.equals(reason) ? "ATTENDEE" : "ORGANIZER", now);
            }
            if (current.email() != null) {
                // the per-address limit's count, kept by the hash of the address: not kept for an erased person
                jdbc.update("DELETE FROM registration_attempts WHERE email_hash = ?", RegistrationAttempts.hashOf(current.email()));
            }
            jdbc.update("UPDATE registrations SET full_name = ?, email = NULL, email_key = NULL, organization = NULL,"
                            + " job_title = NULL, phone = NULL, erased_at = ?, erasure_reason = ?, updated_at = ? WHERE id = ?",
                    ERASED_NAME, Timestamp.from(now), reason, Timestamp.from(now), registrationId);
            // the first answer to an Idempotency-Key is kept by the hash of the request, which holds the person's data
            jdbc.update("DELETE FROM idempotency_keys WHERE response LIKE ?", "%\"" + registrationId + "\"%");
            scrubOutbox(registrationId);
            outbox.append(new AttendeeErased(registrationId, eventId, reason, now));
            return erasure(registrationId, false).orElseThrow();
        });
    }

    /**
     * The outbox keeps published rows for a week: this registration's are deleted now. Rows not yet
     * published (Kafka unreachable) still go out, in order, but with the personal fields blanked.
     */
    private void scrubOutbox(String registrationId) {
        jdbc.update("DELETE FROM outbox WHERE topic = ? AND record_key = ? AND published_at IS NOT NULL",
                Topics.REGISTRATION_EVENTS, registrationId);
        jdbc.query("SELECT id, payload FROM outbox WHERE topic = ? AND record_key = ? AND published_at IS NULL", rs -> {
            JsonNode payload = json.readTree(rs.getString("payload"));
            if (payload instanceof ObjectNode object) {
                boolean changed = false;
                for (Map.Entry<String, String> field : PERSONAL_FIELDS.entrySet()) {
                    if (object.has(field.getKey()) && !object.get(field.getKey()).isNull()) {
                        if (field.getValue() == null) {
                            object.putNull(field.getKey());
                        } else {
                            object.put(field.getKey(), field.getValue());
                        }
                        changed = true;
                    }
                }
                if (changed) {
                    jdbc.update("UPDATE outbox SET payload = ? WHERE id = ?", json.writeValueAsString(object), rs.getLong("id"));
                }
            }
        }, Topics.REGISTRATION_EVENTS, registrationId);
    }

    private Optional<Erasure> erasure(String registrationId, boolean already) {
        return jdbc.query("SELECT status, erased_at, erasure_reason FROM registrations WHERE id = ? AND erased_at IS NOT NULL",
                (rs, n) -> new Erasure(registrationId, RegistrationStatus.valueOf(rs.getString("status")),
                        rs.getTimestamp("erased_at").toInstant(), rs.getString("erasure_reason"), already), registrationId)
                .stream().findFirst();
    }

    private boolean allowed(String registrationId, String token, boolean organizer) {
        Optional<Registration> found = registrations.findById(registrationId);
        return found.isPresent() && (organizer || AccessTokens.matches(token, found.get().accessTokenHash()));
    }

    private static String instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant().toString();
        }
        return value == null ? null : value.toString();
    }

    private static Map<String, String> personalFields() {
        // required fields that consumers check for presence get the placeholder; the others are removed
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("fullName", ERASED_NAME);
        fields.put("organization", ERASED_NAME);
        fields.put("email", null);
        fields.put("jobTitle", null);
        fields.put("phone", null);
        return fields;
    }
}
