-- The registration limit per e-mail address (issue 8). One row per normalised address, keyed by its
-- SHA-256 (the address itself is not kept here): the times of its attempts within the window, oldest
-- first. Every attempt locks the row, so the limit holds exactly across instances. Rows whose last
-- attempt left the window are purged.
CREATE TABLE registration_attempts (
  email_hash VARCHAR(64)   NOT NULL PRIMARY KEY,
  attempts   VARCHAR(4000) NOT NULL,
  last_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX registration_attempts_last_at ON registration_attempts (last_at);
