package dev.entrada.reporting.attendance;

import dev.entrada.identity.Access;
import dev.entrada.identity.Access.Audience;
import dev.entrada.reporting.live.AttendanceFeed;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.constraints.Pattern;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The organiser's attendance numbers, once or live: organisers (and admins) only. */
@Controller("/api/reports/events")
public class AttendanceController {
    /** Catalogue event ids: letters, digits, '.', '_' and '-', at most 100 characters. */
    public static final String EVENT_ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";
    public static final String EVENT_ID_MESSAGE = "must be an event id (letters, digits, '.', '_', '-'; at most 100)";
    /** A comment-like event now and then, so proxies keep the connection and clients notice a dead one. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** How long an EventSource waits before reconnecting. */
    static final Duration RETRY = Duration.ofSeconds(2);

    private final AttendanceService attendance;
    private final AttendanceFeed feed;

    public AttendanceController(AttendanceService attendance, AttendanceFeed feed) {
        this.attendance = attendance;
        this.feed = feed;
    }

    @Get("/{eventId}/attendance")
    @Access(Audience.ORGANIZER)
    public AttendanceReport attendance(@PathVariable @Pattern(regexp = EVENT_ID, message = EVENT_ID_MESSAGE) String eventId) {
        return attendance.report(eventId).orElseThrow(() -> notFound(eventId));
    }

    /**
     * Server-Sent Events: the report at once, then a new one after every change (at most a few a
     * second); an event named {@code heartbeat} every 15 s in between.
     */
    @Get(value = "/{eventId}/stream", produces = MediaType.TEXT_EVENT_STREAM)
    @Access(Audience.ORGANIZER)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Publisher<Event<?>> stream(@PathVariable @Pattern(regexp = EVENT_ID, message = EVENT_ID_MESSAGE) String eventId) {
        if (attendance.version(eventId) < 0) {
            throw notFound(eventId);
        }
        Flux<Event<?>> reports = feed.reports(eventId)
                .map(report -> Event.of(report).id(String.valueOf(report.updatedAt().toEpochMilli())).retry(RETRY));
        Flux<Event<?>> heartbeats = Flux.interval(HEARTBEAT)
                .map(tick -> Event.of(Map.of("at", Instant.now().toString())).name("heartbeat"));
        return Flux.merge(reports, heartbeats);
    }

    static HttpStatusException notFound(String eventId) {
        return new HttpStatusException(HttpStatus.NOT_FOUND, "No attendance for event " + eventId + ": nothing about it has arrived");
    }
}
