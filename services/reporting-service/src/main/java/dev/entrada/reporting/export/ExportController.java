package dev.entrada.reporting.export;

import dev.entrada.identity.Access;
import dev.entrada.identity.Access.Audience;
import dev.entrada.reporting.attendance.AttendanceController;
import dev.entrada.reporting.attendance.AttendanceReport;
import dev.entrada.reporting.attendance.AttendanceService;
import dev.entrada.reporting.export.ExportRepository.AttendeeRow;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.validation.constraints.Pattern;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/** The organisers' exports: CSV lists (personal data) and the PDF summary; organisers only. CSV times are ISO-8601 UTC. */
@Controller("/api/reports/events/{eventId}/exports")
@Access(Audience.ORGANIZER)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ExportController {
    static final String CSV = "text/csv; charset=utf-8";
    private static final List<String> ATTENDEE_COLUMNS = List.of("registration_id", "full_name", "organization",
            "organization_kind", "job_title", "country", "ticket_type", "first_check_in_at", "first_checkpoint",
            "last_check_in_at");

    private final ExportRepository exports;
    private final AttendanceService attendance;

    public ExportController(ExportRepository exports, AttendanceService attendance) {
        this.exports = exports;
        this.attendance = attendance;
    }

    /** Every confirmed attendee, with when and where they first came in (empty: not yet). */
    @Get("/attendees.csv")
    @ReadOnly
    public HttpResponse<String> attendees(@PathVariable @Pattern(regexp = AttendanceController.EVENT_ID,
            message = AttendanceController.EVENT_ID_MESSAGE) String eventId) {
        return attendeeCsv(eventId, "attendees", row -> true);
    }

    /** Confirmed attendees never admitted at any checkpoint. */
    @Get("/no-shows.csv")
    @ReadOnly
    public HttpResponse<String> noShows(@PathVariable @Pattern(regexp = AttendanceController.EVENT_ID,
            message = AttendanceController.EVENT_ID_MESSAGE) String eventId) {
        return attendeeCsv(eventId, "no-shows", row -> row.firstCheckInAt() == null);
    }

    /** Each session: capacity, people registered for it, distinct people admitted at its rooms. */
    @Get("/sessions.csv")
    public HttpResponse<String> sessions(@PathVariable @Pattern(regexp = AttendanceController.EVENT_ID,
            message = AttendanceController.EVENT_ID_MESSAGE) String eventId) {
        AttendanceReport report = attendance.report(eventId).orElseThrow(() -> notFound(eventId));
        Csv csv = new Csv().row(List.of("session_id", "title", "room", "capacity", "registered", "checked_in"));
        report.bySession().forEach(s -> csv.row(Arrays.asList(s.sessionId(), s.title(), s.room(), s.capacity(),
                s.registered(), s.checkedIn())));
        return file(eventId, "sessions", csv);
    }

    /** The printable post-event summary: numbers and charts, no personal data. */
    @Get("/summary.pdf")
    public HttpResponse<byte[]> summary(@PathVariable @Pattern(regexp = AttendanceController.EVENT_ID,
            message = AttendanceController.EVENT_ID_MESSAGE) String eventId) {
        AttendanceReport report = attendance.report(eventId).orElseThrow(() -> notFound(eventId));
        return HttpResponse.ok(SummaryPdf.of(report))
                .contentType("application/pdf")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + eventId + "-summary.pdf\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private HttpResponse<String> attendeeCsv(String eventId, String name, Predicate<AttendeeRow> keep) {
        if (attendance.version(eventId) < 0) {
            throw notFound(eventId);
        }
        Csv csv = new Csv().row(ATTENDEE_COLUMNS);
        exports.attendees(eventId).stream().filter(keep).forEach(r -> csv.row(Arrays.asList(r.registrationId(),
                r.fullName(), r.organization(), r.organizationKind(), r.jobTitle(), r.country(), r.ticketType(),
                r.firstCheckInAt(), r.firstCheckpointId(), r.lastCheckInAt())));
        return file(eventId, name, csv);
    }

    private static HttpResponse<String> file(String eventId, String name, Csv csv) {
        return HttpResponse.ok(csv.toString())
                .contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + eventId + "-" + name + ".csv\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private static HttpStatusException notFound(String eventId) {
        return new HttpStatusException(HttpStatus.NOT_FOUND, "No attendance for event " + eventId + ": nothing about it has arrived");
    }
}
