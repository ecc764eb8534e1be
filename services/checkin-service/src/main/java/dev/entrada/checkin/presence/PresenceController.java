package dev.entrada.checkin.presence;

import dev.entrada.checkin.catalog.CatalogReplica;
import dev.entrada.checkin.web.InvalidInputException;
import dev.entrada.contracts.catalog.EventPublished.CheckpointKind;
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
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;

/** Who is inside now: in the event (entered through a door, not out again) and in each session room. */
@Controller("/api/checkins/inside")
public class PresenceController {
    private final JdbcOperations jdbc;
    private final CatalogReplica catalog;

    public PresenceController(JdbcOperations jdbc, CatalogReplica catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    /** {@code byRoom}: session checkpoint id → people inside (every session checkpoint listed, 0 included). */
    @Serdeable
    public record InsideNow(String eventId, long inside, Map<String, Long> byRoom) {
    }

    @Get
    @Access(Audience.STAFF)
    @ReadOnly
    @ExecuteOn(TaskExecutors.BLOCKING)
    public InsideNow inside(@QueryValue @NotBlank @Size(max = 100) String eventId, @Nullable Caller caller) {
        AccessRules.checkEvent(caller, eventId);
        if (!catalog.hasEvent(eventId)) {
            throw new InvalidInputException("eventId", "no such event");
        }
        Map<String, Long> byRoom = new TreeMap<>();
        catalog.checkpointsOf(eventId).stream()
                .filter(c -> c.kind() == CheckpointKind.SESSION)
                .forEach(c -> byRoom.put(c.checkpointId(), 0L));
        long[] inEvent = {0};
        jdbc.prepareStatement("SELECT scope, COUNT(*) FROM admissions WHERE event_id = ? AND inside = TRUE GROUP BY scope", s -> {
            s.setString(1, eventId);
            try (ResultSet row = s.executeQuery()) {
                while (row.next()) {
                    String scope = row.getString(1);
                    if ("EVENT".equals(scope)) {
                        inEvent[0] = row.getLong(2);
                    } else if (scope.startsWith("SESSION:")) {
                        byRoom.put(scope.substring("SESSION:".length()), row.getLong(2));
                    }
                }
            }
            return null;
        });
        return new InsideNow(eventId, inEvent[0], byRoom);
    }
}
