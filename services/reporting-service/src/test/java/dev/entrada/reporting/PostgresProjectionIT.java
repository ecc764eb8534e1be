package dev.entrada.reporting;

import dev.entrada.contracts.DomainEvent;
import dev.entrada.contracts.EventTypes;
import dev.entrada.contracts.catalog.EventPublished;
import dev.entrada.contracts.catalog.EventPublished.Checkpoint;
import dev.entrada.contracts.catalog.EventPublished.CheckpointKind;
import dev.entrada.contracts.catalog.EventPublished.TicketType;
import dev.entrada.contracts.checkin.AttendeeCheckedIn;
import dev.entrada.contracts.checkin.AttendeeCheckedOut;
import dev.entrada.contracts.checkin.CheckInConflict;
import dev.entrada.contracts.checkin.CheckInRejected;
import dev.entrada.contracts.registration.AttendeeErased;
import dev.entrada.contracts.registration.RegistrationCancelled;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.reporting.attendance.AttendanceReport;
import dev.entrada.reporting.attendance.AttendanceReport.Arrival;
import dev.entrada.reporting.attendance.AttendanceReport.CheckpointLine;
import dev.entrada.reporting.attendance.AttendanceReport.CountryLine;
import dev.entrada.reporting.attendance.AttendanceReport.TicketTypeLine;
import dev.entrada.reporting.attendance.AttendanceService;
import dev.entrada.reporting.export.ExportRepository;
import dev.entrada.reporting.projection.Projector;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Flyway migrations and the projections' SQL (compiled for PostgreSQL, run on H2 everywhere
 * else) against a fresh PostgreSQL 15 database, dropped afterwards.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresProjectionIT implements TestPropertyProvider {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String EVENT = "telecom-night-2017";
    private static final Instant T0 = Instant.parse("2017-11-17T18:00:00Z");

    private final String database = "reporting_it_" + UUID.randomUUID().toString().replace("-", "");

    @Inject
    ApplicationContext context;
    @Inject
    Projector projector;
    @Inject
    AttendanceService attendance;
    @Inject
    ExportRepository exports;

    @Override
    public Map<String, String> getProperties() {
        admin("CREATE DATABASE " + database);
        return Map.of(
                "datasources.default.url", SERVER + database,
                "datasources.default.username", "postgres",
                "datasources.default.password", "",
                "kafka.enabled", "false");
    }

    @AfterAll
    void dropDatabase() {
        context.close();
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void projectsEveryKindOfFactAndAnswersTheReport() throws SQLException {
        apply(new EventPublished(EVENT, 2, "VI Noche de las Telecomunicaciones", Map.of(), "Hotel", "Ciudad Real",
                T0, T0.plusSeconds(18000), 400, false, null, null,
                List.of(new TicketType("GUEST", "Invitado", null), new TicketType("SPONSOR", "Patrocinador", null)),
                List.of(),
                List.of(new Checkpoint("main-door", "Puerta", CheckpointKind.DOOR, null),
                        new Checkpoint("auditorium", "Auditorio", CheckpointKind.SESSION, "industry-40")),
                T0.minusSeconds(3600)));
        // An older copy of the catalogue arriving late changes nothing.
        apply(new EventPublished(EVENT, 1, "Old name", Map.of(), null, null, null, null, 10, false, null, null,
                List.of(), List.of(), List.of(), T0.minusSeconds(7200)));
        apply(new RegistrationConfirmed("r1", EVENT, "GUEST", "Lucía", "l@example.com", "Indra", "COMPANY", null, "ES", "es",
                List.of(), null, T0.minusSeconds(600)));
        apply(new RegistrationConfirmed("r2", EVENT, "SPONSOR", "Pedro", "p@example.com", "Orange", "COMPANY", null, "PT", "es",
                List.of(), null, T0.minusSeconds(500)));
        apply(new RegistrationCancelled("r2", EVENT, "attendee", T0.minusSeconds(400)));
        // Scanned before its ticket is known here; the door knew no type.
        apply(new AttendeeCheckedIn("t1", EVENT, null, "main-door", "d1", "SCAN", null, T0.plusSeconds(65), T0.plusSeconds(65)));
        apply(new AttendeeCheckedIn("t1", EVENT, null, "auditorium", "d2", "SCAN", null, T0.plusSeconds(1200), T0.plusSeconds(1200)));
        apply(new AttendeeCheckedOut("t1", EVENT, "auditorium", "d2", T0.plusSeconds(3000), T0.plusSeconds(3000)));
        apply(new TicketIssued("t1", "r1", EVENT, "GUEST", "Lucía", "Indra", "0001", null, null, T0.minusSeconds(300)));
        apply(new CheckInRejected(null, EVENT, "main-door", "d1", "MALFORMED", null, T0.plusSeconds(70), T0.plusSeconds(70)));
        apply(new CheckInConflict("t1", EVENT, "main-door", "d3", T0.plusSeconds(90), "main-door", "d1", T0.plusSeconds(65),
                T0.plusSeconds(600)));
        apply(new AttendeeErased("r1", EVENT, AttendeeErased.RETENTION, T0.plusSeconds(7200)));
        String duplicateId = UUID.randomUUID().toString();
        CheckInRejected rejected = new CheckInRejected("t7", EVENT, "main-door", "d1", "REVOKED", null, T0.plusSeconds(80), T0.plusSeconds(80));
        assertThat(apply(rejected, duplicateId)).isTrue();
        assertThat(apply(rejected, duplicateId)).as("a redelivered event changes nothing").isFalse();

        AttendanceReport report = attendance.report(EVENT).orElseThrow();

        assertThat(report.name()).isEqualTo("VI Noche de las Telecomunicaciones");
        assertThat(report.capacity()).isEqualTo(400);
        assertThat(report.registered()).isEqualTo(1);
        assertThat(report.cancelled()).isEqualTo(1);
        assertThat(report.checkedIn()).isEqualTo(1);
        assertThat(report.inside()).as("leaving a session room is not leaving the venue").isEqualTo(1);
        assertThat(report.byTicketType()).containsExactly(new TicketTypeLine("GUEST", 1, 1), new TicketTypeLine("SPONSOR", 0, 0));
        assertThat(report.byCheckpoint()).containsExactly(new CheckpointLine("main-door", 1), new CheckpointLine("auditorium", 1));
        assertThat(report.byCountry()).containsExactly(new CountryLine("ES", 1, 1));
        assertThat(report.arrivals()).containsExactly(new Arrival(T0, 1));
        assertThat(report.rejected().byReason()).isEqualTo(Map.of("MALFORMED", 1L, "REVOKED", 1L));
        assertThat(report.conflicts()).isEqualTo(1);
        assertThat(attendance.report("unknown-event")).isEmpty();
        assertThat(report.devices()).extracting(d -> d.deviceId()).containsExactlyInAnyOrder("d1", "d2", "d3");
        assertThat(report.latestCheckIns()).hasSize(2);
        assertThat(report.latestConflicts()).hasSize(1);
        assertThat(exports.attendees(EVENT)).singleElement().satisfies(a -> {
            assertThat(a.registrationId()).isEqualTo("r1");
            assertThat(a.fullName()).as("erased").isNull();
            assertThat(a.firstCheckInAt()).isEqualTo(T0.plusSeconds(65));
            assertThat(a.firstCheckpointId()).isEqualTo("main-door");
            assertThat(a.lastCheckInAt()).isEqualTo(T0.plusSeconds(1200));
        });

        try (Connection c = DriverManager.getConnection(SERVER + database, "postgres", "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT organization, erased FROM registrations WHERE registration_id = 'r1'")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString("organization")).as("personal data dropped on AttendeeErased").isNull();
            assertThat(r.getBoolean("erased")).isTrue();
        }

        projector.wipe();
        assertThat(attendance.report(EVENT)).as("the change counter stays; the facts are gone")
                .hasValueSatisfying(empty -> assertThat(empty.registered()).isZero());
        assertThat(apply(rejected, duplicateId)).as("processed ids are emptied too, for the replay").isTrue();
    }

    private void apply(DomainEvent event) {
        apply(event, UUID.randomUUID().toString());
    }

    private boolean apply(DomainEvent event, String eventId) {
        EventTypes.EventType type = EventTypes.of(event);
        return projector.apply(eventId, type.topic(), type.name(), event);
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
