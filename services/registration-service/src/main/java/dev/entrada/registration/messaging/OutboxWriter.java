package dev.entrada.registration.messaging;

import dev.entrada.contracts.DomainEvent;
import dev.entrada.identity.CorrelationIds;
import dev.entrada.outbox.Outbox;
import dev.entrada.outbox.OutboxRelay;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/** Writes events into the outbox table, inside the caller's transaction. */
@Component
public class OutboxWriter {
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final OutboxRelay relay;

    OutboxWriter(JdbcTemplate jdbc, JsonMapper json, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.json = json;
        this.relay = relay;
    }

    public void append(DomainEvent event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // Without a transaction the event could leave even though the change it reports did not happen.
            throw new IllegalStateException("outbox rows must be written inside the transaction of the change");
        }
        Outbox.Entry entry = Outbox.entry(event, json.writeValueAsString(event), MDC.get(CorrelationIds.MDC_KEY));
        jdbc.update(Outbox.INSERT_SQL, entry.parameters());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }
}
