-- Entry and exit: an admission row stays (first scan wins); "inside" flips with exit and re-entry,
-- each flip a conditional UPDATE so two doors cannot both re-admit. The checkpoint/device/time
-- columns describe the entry currently in force.
ALTER TABLE admissions ADD COLUMN inside BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE admissions ADD COLUMN exited_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX admissions_inside ON admissions (event_id, scope, inside);

-- Offline scans that admitted a ticket another device had already admitted.
ALTER TABLE scans ADD COLUMN conflict BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE scans ADD COLUMN method VARCHAR(10) DEFAULT 'SCAN' NOT NULL;
ALTER TABLE scans ADD COLUMN recorded_by VARCHAR(100);

-- Tickets link to their registration, for the manual search and the session-room rule.
ALTER TABLE tickets ADD COLUMN registration_id VARCHAR(100);
CREATE INDEX tickets_by_registration ON tickets (registration_id);

-- What registration-events tell the door: who (for manual search) and which sessions.
-- search_* hold lower-case, accent-free copies for prefix matching; erasure blanks them all.
CREATE TABLE registrations (
    registration_id VARCHAR(100) PRIMARY KEY,
    event_id        VARCHAR(100) NOT NULL,
    full_name       VARCHAR(300),
    email           VARCHAR(320),
    organization    VARCHAR(300),
    sessions        VARCHAR(2000),
    status          VARCHAR(20)  NOT NULL,
    search_name     VARCHAR(300),
    search_email    VARCHAR(320),
    search_org      VARCHAR(300),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX registrations_by_event ON registrations (event_id);

-- Scanning devices, for "stale device" warnings.
CREATE TABLE devices (
    device_id     VARCHAR(100) PRIMARY KEY,
    name          VARCHAR(200) NOT NULL,
    event_id      VARCHAR(100),
    checkpoint_id VARCHAR(100),
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX devices_by_event ON devices (event_id);
