-- Waiting-list order, session seats, consent policy and idempotent submits (issue 3).

-- never decreases: each waitlisted registration takes the next number, and its position is the
-- count of registrations still waiting with a number up to its own
ALTER TABLE events ADD COLUMN waitlist_seq BIGINT NOT NULL DEFAULT 0;

ALTER TABLE sessions ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD CONSTRAINT sessions_counts CHECK (confirmed >= 0);

ALTER TABLE registrations ADD COLUMN waitlist_seq BIGINT;
ALTER TABLE registrations ADD COLUMN consent_policy_version VARCHAR(50);
ALTER TABLE registrations ADD COLUMN cancelled_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX registrations_waitlist ON registrations (event_id, status, waitlist_seq);

-- the first answer to a POST with an Idempotency-Key, replayed to a retry with the same key and body
CREATE TABLE idempotency_keys (
  idempotency_key VARCHAR(200) NOT NULL,
  event_id        VARCHAR(100) NOT NULL,
  request_hash    VARCHAR(64)  NOT NULL,
  http_status     INTEGER      NOT NULL,
  response        TEXT         NOT NULL,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (idempotency_key, event_id)
);
