-- issue 9: the request or consumed event an outbox row follows from, sent as the correlation-id header
ALTER TABLE outbox ADD COLUMN correlation_id VARCHAR(64);
