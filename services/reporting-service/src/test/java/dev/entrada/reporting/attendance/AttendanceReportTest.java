package dev.entrada.reporting.attendance;

import dev.entrada.reporting.attendance.AttendanceReport.Arrival;
import dev.entrada.reporting.attendance.AttendanceReport.CheckpointLine;
import dev.entrada.reporting.attendance.AttendanceReport.CountryLine;
import dev.entrada.reporting.attendance.AttendanceReport.KindLine;
import dev.entrada.reporting.attendance.AttendanceReport.OrganizationLine;
import dev.entrada.reporting.attendance.AttendanceReport.SessionLine;
import dev.entrada.reporting.attendance.AttendanceReport.TicketTypeLine;
import dev.entrada.reporting.attendance.AttendanceRows.AdmittedTicket;
import dev.entrada.reporting.attendance.AttendanceRows.EventRow;
import dev.entrada.reporting.attendance.AttendanceRows.KeyCount;
import dev.entrada.reporting.attendance.AttendanceRows.RegistrationCount;
import dev.entrada.reporting.attendance.AttendanceRows.SessionRow;
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
                List.of(new RegistrationCount("CONFIRMED", "COMPANY", "ES", "COMPANY", 2),
                        new RegistrationCount("CONFIRMED", "COMPANY", "ES", "UNIVERSITY", 1),
                        new RegistrationCount("CONFIRMED", "DELEGATION", "MX", null, 1),
                        new RegistrationCount("WAITLISTED", "COMPANY", "ES", "COMPANY", 2),
                        new RegistrationCount("CANCELLED", "COMPANY", "ES", null, 1)),
                List.of(new AdmittedTicket("t1", "COMPANY", "ES", "COMPANY", "Indra", T0.plusSeconds(60), T0.plusSeconds(60), null),
                        new AdmittedTicket("t2", "COMPANY", "ES", "UNIVERSITY", "UCLM", T0.plusSeconds(14 * 60 + 59),
                                T0.plusSeconds(3600), T0.plusSeconds(1800)),
                        new AdmittedTicket("t3", null, null, null, null, T0.plusSeconds(15 * 60), T0.plusSeconds(15 * 60),
                                T0.plusSeconds(7200))),
                List.of(new KeyCount("entrance", 3), new KeyCount("side-door", 1)),
                List.of(new KeyCount("REVOKED", 2), new KeyCount("MALFORMED", 1)),
                1,
                T0,
                List.of(new SessionRow("clusterfy", "ClusterFY", "Sala 1", 80), new SessionRow("b2b", "Reuniones B2B", null, null)),
                List.of(new KeyCount("clusterfy", 2), new KeyCount("unlisted", 1)),
                List.of(new KeyCount("clusterfy", 1)),
                List.of(new KeyCount("Indra", 2), new KeyCount("UCLM", 1), new KeyCount("Orange", 1)),
                List.of(), List.of(), List.of(),
                T0.plusSeconds(9000)));

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

        assertThat(report.byOrganizationKind()).containsExactly(
                new KindLine("COMPANY", 2, 1), new KindLine("UNIVERSITY", 1, 1), new KindLine(null, 1, 1));
        assertThat(report.bySession()).as("catalogue sessions first, then the ones only facts name").containsExactly(
                new SessionLine("clusterfy", "ClusterFY", "Sala 1", 80, 2, 1),
                new SessionLine("b2b", "Reuniones B2B", null, null, 0, 0),
                new SessionLine("unlisted", null, null, null, 1, 0));
        assertThat(report.arrivalsPerMinute()).containsExactly(
                new Arrival(Instant.parse("2017-11-23T08:31:00Z"), 1), new Arrival(Instant.parse("2017-11-23T08:44:00Z"), 1),
                new Arrival(Instant.parse("2017-11-23T08:45:00Z"), 1));
        assertThat(report.organizationsPresent()).isEqualTo(2);
        assertThat(report.byOrganization()).containsExactly(new OrganizationLine("Indra", 2, 1),
                new OrganizationLine("UCLM", 1, 1), new OrganizationLine("Orange", 1, 0));
        assertThat(report.generatedAt()).isEqualTo(T0.plusSeconds(9000));
    }

    @Test
    void bucketsStartOnTheQuarterHour() {
        assertThat(AttendanceReport.bucket(Instant.parse("2017-11-23T09:44:59Z"))).isEqualTo(Instant.parse("2017-11-23T09:30:00Z"));
        assertThat(AttendanceReport.bucket(Instant.parse("2017-11-23T09:45:00Z"))).isEqualTo(Instant.parse("2017-11-23T09:45:00Z"));
    }
}
