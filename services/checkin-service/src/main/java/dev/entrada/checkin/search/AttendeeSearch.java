package dev.entrada.checkin.search;

import dev.entrada.checkin.registration.RegistrationReplica;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds people with a ticket by the start of their name (or of any word of it), organisation or
 * e-mail, ignoring case and accents. Cancelled and erased registrations are not found.
 */
@Singleton
public class AttendeeSearch {
    static final int LIMIT = 25;

    private final JdbcOperations jdbc;

    public AttendeeSearch(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** One person found: enough to tell namesakes apart, no e-mail or other contact data. */
    @Serdeable
    public record Match(String ticketId, String name, String organization, String ticketType, List<String> sessions,
                        boolean revoked, boolean inside) {
    }

    @ReadOnly
    public List<Match> find(String eventId, String query) {
        String q = escape(RegistrationReplica.searchable(query));
        String prefix = q + "%";
        String wordPrefix = "% " + q + "%";
        return jdbc.prepareStatement("""
                SELECT t.ticket_id, r.full_name, r.organization, t.ticket_type, r.sessions, t.status, a.inside
                FROM registrations r
                JOIN tickets t ON t.registration_id = r.registration_id
                LEFT JOIN admissions a ON a.event_id = t.event_id AND a.ticket_id = t.ticket_id AND a.scope = 'EVENT'
                WHERE r.event_id = ? AND r.status = 'CONFIRMED'
                  AND (r.search_name LIKE ? ESCAPE '!' OR r.search_name LIKE ? ESCAPE '!'
                       OR r.search_org LIKE ? ESCAPE '!' OR r.search_org LIKE ? ESCAPE '!'
                       OR r.search_email LIKE ? ESCAPE '!')
                ORDER BY r.search_name, t.ticket_id
                LIMIT""" + " " + LIMIT, s -> {
            s.setString(1, eventId);
            s.setString(2, prefix);
            s.setString(3, wordPrefix);
            s.setString(4, prefix);
            s.setString(5, wordPrefix);
            s.setString(6, prefix);
            List<Match> matches = new ArrayList<>();
            try (ResultSet row = s.executeQuery()) {
                while (row.next()) {
                    String sessions = row.getString(5);
                    matches.add(new Match(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                            sessions == null || sessions.isEmpty() ? List.of() : Arrays.asList(sessions.split(",")),
                            "REVOKED".equals(row.getString(6)), row.getBoolean(7)));
                }
            }
            return matches;
        });
    }

    /** The query is data, never a pattern: LIKE's wildcards are escaped. */
    static String escape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
