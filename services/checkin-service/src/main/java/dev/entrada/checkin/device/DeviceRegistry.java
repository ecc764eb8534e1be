package dev.entrada.checkin.device;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Scanning devices and their last contact, for "stale device" warnings. */
@Singleton
public class DeviceRegistry {
    private final JdbcOperations jdbc;

    public DeviceRegistry(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Registers (or renames and moves) a device; runs in its own statement, autocommit or the caller's transaction. */
    @Transactional
    public void register(String deviceId, String name, String eventId, String checkpointId, Instant now) {
        int updated = jdbc.prepareStatement(
                "UPDATE devices SET name = ?, event_id = ?, checkpoint_id = ?, last_seen_at = ? WHERE device_id = ?", s -> {
                    s.setString(1, name);
                    s.setString(2, eventId);
                    s.setString(3, checkpointId);
                    s.setTimestamp(4, Timestamp.from(now));
                    s.setString(5, deviceId);
                    return s.executeUpdate();
                });
        if (updated == 0) {
            jdbc.prepareStatement("""
                    INSERT INTO devices (device_id, name, event_id, checkpoint_id, registered_at, last_seen_at)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", s -> {
                s.setString(1, deviceId);
                s.setString(2, name);
                s.setString(3, eventId);
                s.setString(4, checkpointId);
                s.setTimestamp(5, Timestamp.from(now));
                s.setTimestamp(6, Timestamp.from(now));
                return s.executeUpdate();
            });
        }
    }

    /** Last contact; a device that never registered is not tracked. */
    @Transactional
    public void touch(String deviceId, Instant now) {
        jdbc.prepareStatement("UPDATE devices SET last_seen_at = ? WHERE device_id = ? AND last_seen_at < ?", s -> {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, deviceId);
            s.setTimestamp(3, Timestamp.from(now));
            return s.executeUpdate();
        });
    }

    @ReadOnly
    public List<Device> ofEvent(String eventId) {
        return jdbc.prepareStatement("""
                SELECT device_id, name, event_id, checkpoint_id, registered_at, last_seen_at FROM devices
                WHERE event_id = ? ORDER BY name, device_id""", s -> {
            s.setString(1, eventId);
            List<Device> list = new ArrayList<>();
            try (ResultSet row = s.executeQuery()) {
                while (row.next()) {
                    list.add(new Device(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getTimestamp(5).toInstant(), row.getTimestamp(6).toInstant()));
                }
            }
            return list;
        });
    }
}
