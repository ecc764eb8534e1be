package dev.entrada.ticketing.messaging;

import dev.entrada.contracts.DomainEvent;
import dev.entrada.identity.CorrelationIds;
import dev.entrada.outbox.Outbox;
import dev.entrada.outbox.OutboxRelay;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/** Writes events to the outbox table; only inside the transaction that makes the change they announce. */
@Component
public class OutboxWriter {
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final OutboxRelay relay;

    OutboxWriter(JdbcClient jdbc, JsonMapper json, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.json = json;
        this.relay = relay;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void write(DomainEvent event) {
        Outbox.Entry entry = Outbox.entry(event, json.writeValueAsString(event), MDC.get(CorrelationIds.MDC_KEY));
        jdbc.sql(Outbox.INSERT_SQL).params(entry.parameters()).update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }
}
