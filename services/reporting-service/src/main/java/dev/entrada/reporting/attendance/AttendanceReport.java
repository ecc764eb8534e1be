package dev.entrada.reporting.attendance;

import dev.entrada.reporting.attendance.AttendanceRows.AdmittedTicket;
import dev.entrada.reporting.attendance.AttendanceRows.ConflictRow;
import dev.entrada.reporting.attendance.AttendanceRows.DeviceRow;
import dev.entrada.reporting.attendance.AttendanceRows.LatestCheckInRow;
import dev.entrada.reporting.attendance.AttendanceRows.SessionRow;
import dev.entrada.reporting.attendance.AttendanceRows.EventRow;
import dev.entrada.reporting.attendance.AttendanceRows.KeyCount;
import dev.entrada.reporting.attendance.AttendanceRows.RegistrationCount;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The organiser's attendance numbers for one event (the public API's shape: add fields, rename none).
 *
 * @param registered confirmed registrations (cancelled ones are not counted)
 * @param checkedIn  distinct tickets admitted at least once, at any checkpoint
 * @param inside     admitted tickets whose latest entry is later than their latest exit through a door
 * @param arrivals   first entries per 15-minute bucket, only buckets that have arrivals, oldest first
 * @param updatedAt  when this service last applied a fact about the event
 * @param arrivalsPerMinute   as {@code arrivals}, per minute
 * @param organizationsPresent organisations with at least one person checked in
 * @param byOrganization      organisations, most people checked in first, at most {@value #MAX_ORGANIZATIONS}
 * @param latestCheckIns      the latest entries (one per ticket and checkpoint), newest first; no names
 * @param devices             scanning devices, the longest silent first
 * @param latestConflicts     the latest offline conflicts, newest first
 * @param generatedAt         this service's clock when the report was made (to judge devices' silence)
 */
@Serdeable
public record AttendanceReport(
        String eventId,
        @Nullable String name,
        @Nullable Integer capacity,
        long registered,
        long waitlisted,
        long cancelled,
        long checkedIn,
        long inside,
        List<TicketTypeLine> byTicketType,
        List<CheckpointLine> byCheckpoint,
        List<CountryLine> byCountry,
        List<Arrival> arrivals,
        Rejected rejected,
        long conflicts,
        Instant updatedAt,
        List<KindLine> byOrganizationKind,
        List<SessionLine> bySession,
        List<Arrival> arrivalsPerMinute,
        long organizationsPresent,
        List<OrganizationLine> byOrganization,
        List<LatestCheckInRow> latestCheckIns,
        List<DeviceRow> devices,
        List<ConflictRow> latestConflicts,
        Instant generatedAt) {

    static final Duration BUCKET = Duration.ofMinutes(15);
    static final Duration MINUTE = Duration.ofMinutes(1);
    static final int MAX_ORGANIZATIONS = 200;
    static final int LATEST = 15;
    static final int MAX_DEVICES = 200;
    private static final String CONFIRMED = "CONFIRMED";

    @Serdeable
    public record TicketTypeLine(@Nullable String ticketType, long registered, long checkedIn) {
    }

    @Serdeable
    public record CheckpointLine(String checkpointId, long checkedIn) {
    }

    @Serdeable
    public record CountryLine(@Nullable String country, long registered, long checkedIn) {
    }

    @Serdeable
    public record Arrival(Instant at, long count) {
    }

    @Serdeable
    public record KindLine(@Nullable String organizationKind, long registered, long checkedIn) {
    }

    @Serdeable
    public record SessionLine(String sessionId, @Nullable String title, @Nullable String room, @Nullable Integer capacity,
                              long registered, long checkedIn) {
    }

    @Serdeable
    public record OrganizationLine(String organization, long registered, long checkedIn) {
    }

    @Serdeable
    public record Rejected(long total, Map<String, Long> byReason) {
    }

    /** Everything the report is folded from, as read from the projections. */
    record Facts(String eventId, @Nullable EventRow event, List<KeyCount> catalogueTicketTypes,
                 List<KeyCount> catalogueCheckpoints, List<RegistrationCount> registrations,
                 List<AdmittedTicket> admitted, List<KeyCount> admissionsByCheckpoint,
                 List<KeyCount> rejectionsByReason, long conflicts, Instant updatedAt,
                 List<SessionRow> catalogueSessions, List<KeyCount> sessionRegistrations, List<KeyCount> sessionCheckIns,
                 List<KeyCount> organizationRegistrations, List<LatestCheckInRow> latestCheckIns, List<DeviceRow> devices,
                 List<ConflictRow> latestConflicts, Instant now) {
    }

    static AttendanceReport of(Facts f) {
        long registered = 0;
        long waitlisted = 0;
        long cancelled = 0;
        Map<String, long[]> byType = keyed(f.catalogueTicketTypes());
        Map<String, long[]> byCountry = new LinkedHashMap<>();
        Map<String, long[]> byKind = new LinkedHashMap<>();
        for (RegistrationCount c : f.registrations()) {
            switch (c.status()) {
                case CONFIRMED -> {
                    registered += c.total();
                    byType.computeIfAbsent(c.ticketType(), k -> new long[2])[0] += c.total();
                    byCountry.computeIfAbsent(c.country(), k -> new long[2])[0] += c.total();
                    byKind.computeIfAbsent(c.organizationKind(), k -> new long[2])[0] += c.total();
                }
                case "WAITLISTED" -> waitlisted += c.total();
                default -> cancelled += c.total();
            }
        }
        long inside = 0;
        Map<Instant, Long> arrivals = new TreeMap<>();
        Map<Instant, Long> perMinute = new TreeMap<>();
        Map<String, long[]> byOrganization = new HashMap<>();
        f.organizationRegistrations().forEach(o -> byOrganization.computeIfAbsent(o.name(), k -> new long[2])[0] += o.total());
        for (AdmittedTicket t : f.admitted()) {
            byType.computeIfAbsent(t.ticketType(), k -> new long[2])[1]++;
            byCountry.computeIfAbsent(t.country(), k -> new long[2])[1]++;
            byKind.computeIfAbsent(t.organizationKind(), k -> new long[2])[1]++;
            if (t.organization() != null) {
                byOrganization.computeIfAbsent(t.organization(), k -> new long[2])[1]++;
            }
            arrivals.merge(bucket(t.firstAt(), BUCKET), 1L, Long::sum);
            perMinute.merge(bucket(t.firstAt(), MINUTE), 1L, Long::sum);
            if (t.inside()) {
                inside++;
            }
        }
        Map<String, long[]> byCheckpoint = keyed(f.catalogueCheckpoints());
        f.admissionsByCheckpoint().forEach(c -> byCheckpoint.computeIfAbsent(c.name(), k -> new long[2])[0] += c.total());
        Map<String, Long> byReason = new TreeMap<>();
        f.rejectionsByReason().forEach(r -> byReason.merge(r.name(), r.total(), Long::sum));
        Map<String, Long> sessionRegistered = counts(f.sessionRegistrations());
        Map<String, Long> sessionCheckedIn = counts(f.sessionCheckIns());
        Map<String, SessionRow> sessions = new LinkedHashMap<>();
        f.catalogueSessions().forEach(s -> sessions.put(s.sessionId(), s));
        new TreeMap<>(sessionRegistered).keySet().forEach(id -> sessions.putIfAbsent(id, new SessionRow(id, null, null, null)));
        new TreeMap<>(sessionCheckedIn).keySet().forEach(id -> sessions.putIfAbsent(id, new SessionRow(id, null, null, null)));

        return new AttendanceReport(
                f.eventId(),
                f.event() == null ? null : f.event().name(),
                f.event() == null ? null : f.event().capacity(),
                registered, waitlisted, cancelled, f.admitted().size(), inside,
                lines(byType, f.catalogueTicketTypes().size(), e -> new TicketTypeLine(e.getKey(), e.getValue()[0], e.getValue()[1])),
                lines(byCheckpoint, f.catalogueCheckpoints().size(), e -> new CheckpointLine(e.getKey(), e.getValue()[0])),
                byCount(byCountry).stream().map(e -> new CountryLine(e.getKey(), e.getValue()[0], e.getValue()[1])).toList(),
                arrivals.entrySet().stream().map(e -> new Arrival(e.getKey(), e.getValue())).toList(),
                new Rejected(byReason.values().stream().mapToLong(Long::longValue).sum(), byReason),
                f.conflicts(),
                f.updatedAt(),
                byCount(byKind).stream().map(e -> new KindLine(e.getKey(), e.getValue()[0], e.getValue()[1])).toList(),
                sessions.values().stream().map(s -> new SessionLine(s.sessionId(), s.title(), s.room(), s.capacity(),
                        sessionRegistered.getOrDefault(s.sessionId(), 0L), sessionCheckedIn.getOrDefault(s.sessionId(), 0L))).toList(),
                perMinute.entrySet().stream().map(e -> new Arrival(e.getKey(), e.getValue())).toList(),
                byOrganization.values().stream().filter(c -> c[1] > 0).count(),
                byOrganization.entrySet().stream()
                        .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[1])
                                .thenComparingLong(e -> -e.getValue()[0]).thenComparing(Map.Entry::getKey))
                        .limit(MAX_ORGANIZATIONS)
                        .map(e -> new OrganizationLine(e.getKey(), e.getValue()[0], e.getValue()[1]))
                        .toList(),
                f.latestCheckIns(),
                f.devices(),
                f.latestConflicts(),
                f.now());
    }

    static Instant bucket(Instant at) {
        return bucket(at, BUCKET);
    }

    static Instant bucket(Instant at, Duration bucket) {
        long size = bucket.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), size) * size);
    }

    private static Map<String, Long> counts(List<KeyCount> rows) {
        Map<String, Long> map = new HashMap<>();
        rows.forEach(r -> map.merge(r.name(), r.total(), Long::sum));
        return map;
    }

    /** Most registered first, then by name (unknown last). */
    private static List<Map.Entry<String, long[]>> byCount(Map<String, long[]> map) {
        return map.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                        .thenComparing(Map.Entry::getKey, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    /** The catalogue's names first, in its order, with zero counts until facts add to them. */
    private static Map<String, long[]> keyed(List<KeyCount> catalogue) {
        Map<String, long[]> map = new LinkedHashMap<>();
        catalogue.forEach(k -> map.put(k.name(), new long[2]));
        return map;
    }

    /** Catalogue entries in catalogue order, then the ones only facts know, sorted (unknown last). */
    private static <T> List<T> lines(Map<String, long[]> map, int catalogueSize, Function<Map.Entry<String, long[]>, T> line) {
        List<Map.Entry<String, long[]>> entries = new ArrayList<>(map.entrySet());
        List<Map.Entry<String, long[]>> extra = new ArrayList<>(entries.subList(catalogueSize, entries.size()));
        extra.sort(Map.Entry.comparingByKey(Comparator.nullsLast(Comparator.naturalOrder())));
        List<T> result = new ArrayList<>();
        entries.subList(0, catalogueSize).forEach(e -> result.add(line.apply(e)));
        extra.forEach(e -> result.add(line.apply(e)));
        return result;
    }
}
