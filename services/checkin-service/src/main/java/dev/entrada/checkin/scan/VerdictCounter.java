package dev.entrada.checkin.scan;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * Counts the verdicts this node recorded, by kind: {@code entrada_checkin_verdicts_total{verdict, reason,
 * method}} ({@code reason} is {@code none} unless rejected). A retried scan answered from its record is
 * not a new verdict and is not counted.
 */
@Singleton
public class VerdictCounter {
    static final String NAME = "entrada.checkin.verdicts";

    private final MeterRegistry registry;

    public VerdictCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(ScanRecord record) {
        Counter.builder(NAME)
                .description("Scan verdicts recorded by this check-in node")
                .tag("verdict", record.verdict())
                .tag("reason", record.reason() == null ? "none" : record.reason())
                .tag("method", record.method())
                .register(registry)
                .increment();
    }
}
