package dev.entrada.reporting.attendance;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.validation.constraints.Pattern;

/** The organiser's attendance numbers. Organiser authentication comes with the gateway's login. */
@Controller("/api/reports/events")
public class AttendanceController {
    /** Catalogue event ids: letters, digits, '.', '_' and '-', at most 100 characters. */
    static final String EVENT_ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";

    private final AttendanceService attendance;

    public AttendanceController(AttendanceService attendance) {
        this.attendance = attendance;
    }

    @Get("/{eventId}/attendance")
    public AttendanceReport attendance(
            @PathVariable @Pattern(regexp = EVENT_ID, message = "must be an event id (letters, digits, '.', '_', '-'; at most 100)")
            String eventId) {
        return attendance.report(eventId).orElseThrow(() ->
                new HttpStatusException(HttpStatus.NOT_FOUND, "No attendance for event " + eventId + ": nothing about it has arrived"));
    }
}
