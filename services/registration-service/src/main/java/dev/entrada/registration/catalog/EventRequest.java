package dev.entrada.registration.catalog;

import dev.entrada.contracts.catalog.EventPublished;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/events} and {@code PUT /api/events/{id}}: the public event shape without the
 * counts. {@code name} defaults to the Spanish name; rules across fields are in {@link EventRules}.
 */
public record EventRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = ID, message = ID_MESSAGE) String id,
        @Size(max = 300) String name,
        @NotNull @Size(min = 1, max = 2) Map<@Pattern(regexp = "es|en", message = "must be es or en") String,
                @NotBlank @Size(max = 300) String> names,
        @NotBlank @Size(max = 300) String venue,
        @NotBlank @Size(max = 200) String city,
        @NotNull Instant startsAt,
        @NotNull Instant endsAt,
        @PositiveOrZero Integer capacity,
        @NotNull Boolean waitingList,
        Instant registrationOpensAt,
        Instant registrationClosesAt,
        @NotEmpty @Size(max = 20) List<@NotNull @Valid TicketType> ticketTypes,
        @Size(max = 50) List<@NotNull @Valid Session> sessions,
        @Size(max = 50) List<@NotNull @Valid Checkpoint> checkpoints) {

    static final String ID = "[a-z0-9][a-z0-9-]*";
    static final String ID_MESSAGE = "must be lower-case letters, digits and hyphens";

    public record TicketType(
            @NotBlank @Size(max = 50) @Pattern(regexp = "[A-Z0-9_]+", message = "must be upper-case letters, digits and _") String code,
            @NotBlank @Size(max = 200) String name,
            @PositiveOrZero Integer capacity) {
    }

    public record Session(
            @NotBlank @Size(max = 100) @Pattern(regexp = ID, message = ID_MESSAGE) String id,
            @NotBlank @Size(max = 300) String title,
            @NotBlank @Size(max = 200) String room,
            @NotNull Instant startsAt,
            @NotNull Instant endsAt,
            @PositiveOrZero Integer capacity) {
    }

    public record Checkpoint(
            @NotBlank @Size(max = 100) @Pattern(regexp = ID, message = ID_MESSAGE) String id,
            @NotBlank @Size(max = 200) String name,
            @NotNull EventPublished.CheckpointKind kind,
            @Size(max = 100) String sessionId) {
    }

    List<Session> sessionsOrEmpty() {
        return sessions == null ? List.of() : sessions;
    }

    List<Checkpoint> checkpointsOrEmpty() {
        return checkpoints == null ? List.of() : checkpoints;
    }

    String displayName() {
        return name != null && !name.isBlank() ? name.strip() : names.getOrDefault("es", names.values().iterator().next()).strip();
    }
}
