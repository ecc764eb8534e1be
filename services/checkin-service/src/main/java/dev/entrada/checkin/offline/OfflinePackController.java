package dev.entrada.checkin.offline;

import dev.entrada.checkin.catalog.CatalogReplica;
import dev.entrada.checkin.catalog.Checkpoint;
import dev.entrada.checkin.device.DeviceRegistry;
import dev.entrada.checkin.key.SigningKey;
import dev.entrada.checkin.key.SigningKeyRepository;
import dev.entrada.checkin.web.InvalidInputException;
import dev.entrada.identity.Access;
import dev.entrada.identity.Access.Audience;
import dev.entrada.identity.AccessRules;
import dev.entrada.identity.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * What a scanner needs to decide alone: the active public keys, the revoked tickets, the checkpoints,
 * the ticket types, and the minimum staff see on screen (name, organisation, type, sessions) — no
 * e-mail or other contact data.
 */
@Controller("/api/checkins/offline-pack")
public class OfflinePackController {
    private final CatalogReplica catalog;
    private final SigningKeyRepository keys;
    private final DeviceRegistry devices;
    private final JdbcOperations jdbc;

    public OfflinePackController(CatalogReplica catalog, SigningKeyRepository keys, DeviceRegistry devices, JdbcOperations jdbc) {
        this.catalog = catalog;
        this.keys = keys;
        this.devices = devices;
        this.jdbc = jdbc;
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record OfflinePack(String eventId, Instant generatedAt, List<PublicKeyView> keys, List<String> revoked,
                              List<Checkpoint> checkpoints, List<String> ticketTypes, List<TicketView> tickets) {
    }

    /** {@code publicKey}: X.509 SubjectPublicKeyInfo, base64 (WebCrypto {@code importKey('spki', …)}). */
    @Serdeable
    public record PublicKeyView(String keyId, String algorithm, String publicKey) {
    }

    @Serdeable
    public record TicketView(String ticketId, String name, String organization, String ticketType, List<String> sessions) {
    }

    @Get
    @Access(Audience.STAFF)
    @Transactional
    @ExecuteOn(TaskExecutors.BLOCKING)
    public OfflinePack pack(@QueryValue @NotBlank @Size(max = 100) String eventId,
                            @QueryValue @Nullable @Size(max = 100) String deviceId,
                            @Nullable Caller caller) {
        AccessRules.checkEvent(caller, eventId);
        if (!catalog.hasEvent(eventId)) {
            throw new InvalidInputException("eventId", "no such event");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (deviceId != null) {
            devices.touch(deviceId, now);
        }
        List<PublicKeyView> active = StreamSupport.stream(keys.findAll().spliterator(), false)
                .filter(SigningKey::isActive)
                .map(k -> new PublicKeyView(k.keyId(), k.algorithm(), k.publicKey()))
                .toList();
        List<String> revoked = new ArrayList<>();
        List<TicketView> tickets = new ArrayList<>();
        jdbc.prepareStatement("""
                SELECT t.ticket_id, t.status, t.holder_name, t.organization, t.ticket_type, r.sessions
                FROM tickets t LEFT JOIN registrations r ON r.registration_id = t.registration_id
                WHERE t.event_id = ? ORDER BY t.ticket_id""", s -> {
            s.setString(1, eventId);
            try (ResultSet row = s.executeQuery()) {
                while (row.next()) {
                    if ("REVOKED".equals(row.getString(2))) {
                        revoked.add(row.getString(1));
                    } else {
                        String sessions = row.getString(6);
                        tickets.add(new TicketView(row.getString(1), row.getString(3), row.getString(4), row.getString(5),
                                sessions == null ? null : sessions.isEmpty() ? List.of() : Arrays.asList(sessions.split(","))));
                    }
                }
            }
            return null;
        });
        return new OfflinePack(eventId, now, active, revoked, catalog.checkpointsOf(eventId), catalog.ticketTypeCodes(eventId), tickets);
    }
}
