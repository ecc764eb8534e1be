package dev.entrada.checkin.messaging;

import dev.entrada.contracts.DomainEvent;
import dev.entrada.identity.CorrelationIds;
import dev.entrada.outbox.Outbox;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Appends an event to the outbox inside the caller's transaction; {@code OutboxRelay} publishes it after commit. */
@Singleton
public class OutboxWriter {
    private final JsonMapper json;
    private final JdbcOperations jdbc;

    public OutboxWriter(JsonMapper json, JdbcOperations jdbc) {
        this.json = json;
        this.jdbc = jdbc;
    }

    public void append(DomainEvent event) {
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object[] parameters = Outbox.entry(event, payload, MDC.get(CorrelationIds.MDC_KEY)).parameters();
        jdbc.prepareStatement(Outbox.INSERT_SQL, statement -> {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        });
    }
}
