-- issue 9: the W3C traceparent of the span that wrote the row; the relay publishes the row in that trace
ALTER TABLE outbox ADD COLUMN trace_parent VARCHAR(55);
