package dev.entrada.checkin.scan;

import dev.entrada.checkin.scan.CheckInResult.FirstCheckIn;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.Optional;

/**
 * The two conditional inserts a scan rests on. Both let the database's unique keys decide (never a
 * read-then-write), and both run in the caller's transaction.
 */
@Singleton
public class ScanStore implements CheckInDecider.Admissions {
    private final JdbcOperations jdbc;

    public ScanStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<FirstCheckIn> admitFirst(CheckInDecider.Admission admission) {
        int inserted = jdbc.prepareStatement("""
                INSERT INTO admissions (event_id, ticket_id, scope, checkpoint_id, device_id, scanned_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", statement -> {
            statement.setString(1, admission.eventId());
            statement.setString(2, admission.ticketId().toString());
            statement.setString(3, admission.scope());
            statement.setString(4, admission.checkpointId());
            statement.setString(5, admission.deviceId());
            statement.setTimestamp(6, Timestamp.from(admission.at()));
            return statement.executeUpdate();
        });
        if (inserted == 1) {
            return Optional.empty();
        }
        // Re-entry after an exit: only one of two concurrent re-entries finds inside = FALSE.
        int reentered = jdbc.prepareStatement("""
                UPDATE admissions SET inside = TRUE, exited_at = NULL, checkpoint_id = ?, device_id = ?, scanned_at = ?
                WHERE event_id = ? AND ticket_id = ? AND scope = ? AND inside = FALSE""", statement -> {
            statement.setString(1, admission.checkpointId());
            statement.setString(2, admission.deviceId());
            statement.setTimestamp(3, Timestamp.from(admission.at()));
            statement.setString(4, admission.eventId());
            statement.setString(5, admission.ticketId().toString());
            statement.setString(6, admission.scope());
            return statement.executeUpdate();
        });
        if (reentered == 1) {
            return Optional.empty();
        }
        // Read committed: the winner's row is visible once our insert has waited for it.
        return jdbc.prepareStatement("""
                SELECT scanned_at, checkpoint_id, device_id FROM admissions
                WHERE event_id = ? AND ticket_id = ? AND scope = ?""", statement -> {
            statement.setString(1, admission.eventId());
            statement.setString(2, admission.ticketId().toString());
            statement.setString(3, admission.scope());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("admission conflict without an admission row");
                }
                return Optional.of(new FirstCheckIn(row.getTimestamp(1).toInstant(), row.getString(2), row.getString(3)));
            }
        });
    }

    @Override
    public boolean exit(CheckInDecider.Admission admission) {
        return jdbc.prepareStatement("""
                UPDATE admissions SET inside = FALSE, exited_at = ?
                WHERE event_id = ? AND ticket_id = ? AND scope = ? AND inside = TRUE""", statement -> {
            statement.setTimestamp(1, Timestamp.from(admission.at()));
            statement.setString(2, admission.eventId());
            statement.setString(3, admission.ticketId().toString());
            statement.setString(4, admission.scope());
            return statement.executeUpdate() == 1;
        });
    }

    /** False when the same device and nonce were recorded meanwhile (a concurrent retry). */
    public boolean insertIfNew(ScanRecord scan) {
        return jdbc.prepareStatement("""
                INSERT INTO scans (device_id, nonce, event_id, checkpoint_id, direction, ticket_id, verdict, reason,
                                   first_at, first_checkpoint_id, first_device_id, scanned_at, conflict, method, recorded_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", statement -> {
            statement.setString(1, scan.deviceId());
            statement.setString(2, scan.nonce());
            statement.setString(3, scan.eventId());
            statement.setString(4, scan.checkpointId());
            statement.setString(5, scan.direction());
            statement.setString(6, scan.ticketId());
            statement.setString(7, scan.verdict());
            statement.setString(8, scan.reason());
            statement.setTimestamp(9, scan.firstAt() == null ? null : Timestamp.from(scan.firstAt()));
            statement.setString(10, scan.firstCheckpointId());
            statement.setString(11, scan.firstDeviceId());
            statement.setTimestamp(12, Timestamp.from(scan.scannedAt()));
            statement.setBoolean(13, scan.conflict());
            statement.setString(14, scan.method());
            statement.setString(15, scan.recordedBy());
            return statement.executeUpdate() == 1;
        });
    }
}
