package dev.entrada.checkin.registration;

import dev.entrada.checkin.messaging.UnreadableEventException;
import dev.entrada.contracts.registration.AttendeeErased;
import dev.entrada.contracts.registration.RegistrationCancelled;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.registration.RegistrationCorrected;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Who holds which registration, for the manual search and the session-room rule. Linked to tickets by
 * {@code TicketIssued.registrationId}. Erasure is final and blanks every personal field here and in
 * the ticket replica. Updates run inside the caller's transaction.
 */
@Singleton
public class RegistrationReplica {
    private static final Logger log = LoggerFactory.getLogger(RegistrationReplica.class);
    static final String CONFIRMED = "CONFIRMED";
    static final String CANCELLED = "CANCELLED";
    static final String ERASED = "ERASED";

    private final JdbcOperations jdbc;

    public RegistrationReplica(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    public void apply(RegistrationConfirmed event) {
        String registrationId = UnreadableEventException.require(event.registrationId(), "registrationId");
        String eventId = UnreadableEventException.require(event.eventId(), "eventId");
        String sessions = event.sessions() == null ? "" : String.join(",", event.sessions());
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.prepareStatement("""
                UPDATE registrations SET event_id = ?, full_name = ?, email = ?, organization = ?, sessions = ?, status = ?,
                       search_name = ?, search_email = ?, search_org = ?, updated_at = ?
                WHERE registration_id = ? AND status <> 'ERASED'""", s -> {
            s.setString(1, eventId);
            s.setString(2, event.fullName());
            s.setString(3, event.email());
            s.setString(4, event.organization());
            s.setString(5, sessions);
            s.setString(6, CONFIRMED);
            s.setString(7, searchable(event.fullName()));
            s.setString(8, searchable(event.email()));
            s.setString(9, searchable(event.organization()));
            s.setTimestamp(10, now);
            s.setString(11, registrationId);
            return s.executeUpdate();
        });
        if (updated == 0) {
            jdbc.prepareStatement("""
                    INSERT INTO registrations (registration_id, event_id, full_name, email, organization, sessions, status,
                                               search_name, search_email, search_org, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", s -> {
                s.setString(1, registrationId);
                s.setString(2, eventId);
                s.setString(3, event.fullName());
                s.setString(4, event.email());
                s.setString(5, event.organization());
                s.setString(6, sessions);
                s.setString(7, CONFIRMED);
                s.setString(8, searchable(event.fullName()));
                s.setString(9, searchable(event.email()));
                s.setString(10, searchable(event.organization()));
                s.setTimestamp(11, now);
                return s.executeUpdate();
            });
        }
        log.debug("registration {} confirmed for {}", registrationId, eventId);
    }

    public void apply(RegistrationCorrected event) {
        String registrationId = UnreadableEventException.require(event.registrationId(), "registrationId");
        jdbc.prepareStatement("""
                UPDATE registrations SET full_name = ?, organization = ?, search_name = ?, search_org = ?, updated_at = ?
                WHERE registration_id = ? AND status <> 'ERASED'""", s -> {
            s.setString(1, event.fullName());
            s.setString(2, event.organization());
            s.setString(3, searchable(event.fullName()));
            s.setString(4, searchable(event.organization()));
            s.setTimestamp(5, Timestamp.from(Instant.now()));
            s.setString(6, registrationId);
            return s.executeUpdate();
        });
    }

    /** The ticket itself is voided by ticketing's {@code TicketRevoked}; here the person leaves the search. */
    public void apply(RegistrationCancelled event) {
        String registrationId = UnreadableEventException.require(event.registrationId(), "registrationId");
        jdbc.prepareStatement("UPDATE registrations SET status = ?, updated_at = ? WHERE registration_id = ? AND status <> 'ERASED'", s -> {
            s.setString(1, CANCELLED);
            s.setTimestamp(2, Timestamp.from(Instant.now()));
            s.setString(3, registrationId);
            return s.executeUpdate();
        });
    }

    public void apply(AttendeeErased event) {
        String registrationId = UnreadableEventException.require(event.registrationId(), "registrationId");
        String eventId = event.eventId() == null ? "" : event.eventId();
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.prepareStatement("""
                UPDATE registrations SET full_name = NULL, email = NULL, organization = NULL, search_name = NULL,
                       search_email = NULL, search_org = NULL, status = ?, updated_at = ?
                WHERE registration_id = ?""", s -> {
            s.setString(1, ERASED);
            s.setTimestamp(2, now);
            s.setString(3, registrationId);
            return s.executeUpdate();
        });
        if (updated == 0) {
            // Remember the erasure, so a late copy of the registration cannot bring the data back.
            jdbc.prepareStatement("""
                    INSERT INTO registrations (registration_id, event_id, sessions, status, updated_at)
                    VALUES (?, ?, '', ?, ?) ON CONFLICT DO NOTHING""", s -> {
                s.setString(1, registrationId);
                s.setString(2, eventId);
                s.setString(3, ERASED);
                s.setTimestamp(4, now);
                return s.executeUpdate();
            });
        }
        jdbc.prepareStatement("UPDATE tickets SET holder_name = NULL, organization = NULL WHERE registration_id = ?", s -> {
            s.setString(1, registrationId);
            return s.executeUpdate();
        });
        log.info("registration {} erased", registrationId);
    }

    /** True when the registration was erased (so a ticket issued afterwards keeps no name). */
    public boolean isErased(String registrationId) {
        return registrationId != null && jdbc.prepareStatement(
                "SELECT 1 FROM registrations WHERE registration_id = ? AND status = 'ERASED'", s -> {
                    s.setString(1, registrationId);
                    try (ResultSet row = s.executeQuery()) {
                        return row.next();
                    }
                });
    }

    /** The sessions of the ticket's registration; empty while either is unknown here. */
    public Optional<Set<String>> sessionsOf(UUID ticketId) {
        return jdbc.prepareStatement("""
                SELECT r.sessions FROM tickets t JOIN registrations r ON r.registration_id = t.registration_id
                WHERE t.ticket_id = ?""", s -> {
            s.setString(1, ticketId.toString());
            try (ResultSet row = s.executeQuery()) {
                return row.next() ? Optional.of(split(row.getString(1))) : Optional.<Set<String>>empty();
            }
        });
    }

    static Set<String> split(String sessions) {
        return sessions == null || sessions.isEmpty() ? Set.of()
                : Arrays.stream(sessions.split(",")).filter(s -> !s.isBlank()).collect(Collectors.toUnmodifiableSet());
    }

    static List<String> splitList(String sessions) {
        return sessions == null || sessions.isEmpty() ? List.of() : List.of(sessions.split(","));
    }

    /** Lower case without accents, so "fernandez" finds "Fernández". */
    public static String searchable(String text) {
        if (text == null) {
            return null;
        }
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT).strip();
    }
}
