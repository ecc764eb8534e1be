-- What the live dashboard, the exports and the per-session numbers need beyond V1.

-- Personal data for the organisers' exports: NULLed by AttendeeErased (like organization).
ALTER TABLE registrations ADD COLUMN full_name VARCHAR(300);
ALTER TABLE registrations ADD COLUMN job_title VARCHAR(300);
ALTER TABLE registrations ADD COLUMN organization_kind VARCHAR(64);

-- The sessions a confirmed attendee chose (RegistrationConfirmed.sessions).
CREATE TABLE registration_sessions (
    registration_id VARCHAR(64)  NOT NULL,
    session_id      VARCHAR(100) NOT NULL,
    PRIMARY KEY (registration_id, session_id)
);

-- The catalogue's sessions; a SESSION checkpoint names its session.
CREATE TABLE event_sessions (
    event_id   VARCHAR(100) NOT NULL,
    session_id VARCHAR(100) NOT NULL,
    title      VARCHAR(300),
    room       VARCHAR(300),
    capacity   INTEGER,
    position   INTEGER      NOT NULL,
    PRIMARY KEY (event_id, session_id)
);
ALTER TABLE event_checkpoints ADD COLUMN session_id VARCHAR(100);

-- Who recorded the latest entry at each checkpoint (for the dashboard's latest check-ins).
ALTER TABLE admissions ADD COLUMN last_device_id VARCHAR(100);
ALTER TABLE admissions ADD COLUMN last_method VARCHAR(16);

-- Every scanning device and when check-in last heard from it (any check-in fact it produced).
CREATE TABLE devices (
    event_id        VARCHAR(100)             NOT NULL,
    device_id       VARCHAR(100)             NOT NULL,
    checkpoint_id   VARCHAR(100),
    last_contact_at TIMESTAMP WITH TIME ZONE NOT NULL,
    facts           BIGINT                   NOT NULL,
    PRIMARY KEY (event_id, device_id)
);

-- Grows by one with every applied fact about the event: the live stream's change detector
-- (a counter, unlike a time, cannot repeat).
ALTER TABLE projection_changes ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
