package dev.entrada.reporting.attendance;

import dev.entrada.reporting.attendance.AttendanceReport.Arrival;
import dev.entrada.reporting.attendance.AttendanceReport.CheckpointLine;
import dev.entrada.reporting.attendance.AttendanceReport.CountryLine;
import dev.entrada.reporting.attendance.AttendanceReport.TicketTypeLine;
import dev.entrada.reporting.attendance.AttendanceRows.AdmittedTicket;
import dev.entrada.reporting.attendance.AttendanceRows.EventRow;
import dev.entrada.reporting.attendance.AttendanceRows.KeyCount;
import dev.entrada.reporting.attendance.AttendanceRows.RegistrationCount;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AttendanceReportTest {
    private static final Instant T0 = Instant.parse("2017-11-23T08:30:00Z");

    @Test
    void foldsRegistrationsAndAdmissionsIntoTheOrganisersNumbers() {
        AttendanceReport report = AttendanceReport.of(new AttendanceReport.Facts(
                "b2b",
                new EventRow("b2b", "B2B", 310),
                List.of(new KeyCount("COMPANY", 0), new KeyCount("RESEARCH", 0)),
                List.of(new KeyCount("entrance", 0), new KeyCount("b2b-area", 0)),
                List.of(new RegistrationCount("CONFIRMED", "COMPANY", "ES", 3),
                        new RegistrationCount("CONFIRMED", "DELEGATION", "MX", 1),
                        new RegistrationCount("WAITLISTED", "COMPANY", "ES", 2),
                        new RegistrationCount("CANCELLED", "COMPANY", "ES", 1)),
                List.of(new AdmittedTicket("t1", "COMPANY", "ES", T0.plusSeconds(60), T0.plusSeconds(60), null),
                        new AdmittedTicket("t2", "COMPANY", "ES", T0.plusSeconds(14 * 60 + 59), T0.plusSeconds(3600), T0.plusSeconds(1800)),
                        new AdmittedTicket("t3", null, null, T0.plusSeconds(15 * 60), T0.plusSeconds(15 * 60), T0.plusSeconds(7200))),
                List.of(new KeyCount("entrance", 3), new KeyCount("side-door", 1)),
                List.of(new KeyCount("REVOKED", 2), new KeyCount("MALFORMED", 1)),
                1,
                T0));

        assertThat(report.registered()).isEqualTo(4);
        assertThat(report.waitlisted()).isEqualTo(2);
        assertThat(report.cancelled()).isEqualTo(1);
        assertThat(report.checkedIn()).isEqualTo(3);
        assertThat(report.inside()).as("t3 left after its last entry").isEqualTo(2);
        assertThat(report.byTicketType()).containsExactly(
                new TicketTypeLine("COMPANY", 3, 2),
                new TicketTypeLine("RESEARCH", 0, 0),
                new TicketTypeLine("DELEGATION", 1, 0),
                new TicketTypeLine(null, 0, 1));
        assertThat(report.byCheckpoint()).containsExactly(
                new CheckpointLine("entrance", 3), new CheckpointLine("b2b-area", 0), new CheckpointLine("side-door", 1));
        assertThat(report.byCountry()).containsExactly(
                new CountryLine("ES", 3, 2), new CountryLine("MX", 1, 0), new CountryLine(null, 0, 1));
        assertThat(report.arrivals()).containsExactly(
                new Arrival(Instant.parse("2017-11-23T08:30:00Z"), 2), new Arrival(Instant.parse("2017-11-23T08:45:00Z"), 1));
        assertThat(report.rejected().total()).isEqualTo(3);
        assertThat(report.rejected().byReason()).isEqualTo(Map.of("MALFORMED", 1L, "REVOKED", 2L));
        assertThat(report.conflicts()).isEqualTo(1);
        assertThat(report.name()).isEqualTo("B2B");
    }

    @Test
    void bucketsStartOnTheQuarterHour() {
        assertThat(AttendanceReport.bucket(Instant.parse("2017-11-23T09:44:59Z"))).isEqualTo(Instant.parse("2017-11-23T09:30:00Z"));
        assertThat(AttendanceReport.bucket(Instant.parse("2017-11-23T09:45:00Z"))).isEqualTo(Instant.parse("2017-11-23T09:45:00Z"));
    }
}
