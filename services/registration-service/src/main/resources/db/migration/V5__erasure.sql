-- Erasure and retention (issue 8). An erased registration keeps what the counts need (event, ticket
-- type, sessions, status, country, kind of organisation, locale, dates, consent time and policy
-- version); its name becomes '—' and its e-mail, organisation, job title and phone are removed.
ALTER TABLE registrations ALTER COLUMN email DROP NOT NULL;
ALTER TABLE registrations ALTER COLUMN email_key DROP NOT NULL;
ALTER TABLE registrations ALTER COLUMN organization DROP NOT NULL;
ALTER TABLE registrations ADD COLUMN erased_at TIMESTAMP WITH TIME ZONE;
-- REQUEST_BY_ATTENDEE, REQUEST_BY_ORGANIZER or RETENTION (as in AttendeeErased)
ALTER TABLE registrations ADD COLUMN erasure_reason VARCHAR(30);
CREATE INDEX registrations_erased ON registrations (erased_at, event_id);
