package dev.entrada.outbox;

import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.Topics;
import dev.entrada.contracts.signing.SigningKeyRetired;
import dev.entrada.local.KafkaBroker;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The relay against a real broker, on H2 (the embedded default) and on PostgreSQL. */
class OutboxRelayTest {
    private static final String PG_DATABASE = "entrada_outbox_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private static KafkaBroker broker;

    @BeforeAll
    static void start() throws SQLException {
        broker = KafkaBroker.startForTests();
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + PG_DATABASE);
        }
    }

    @AfterAll
    static void stop() throws SQLException {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + PG_DATABASE + " WITH (FORCE)");
        }
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void publishesCommittedRowsInOrderWithHeadersAndNeverARolledBackOne(String database) throws Exception {
        DataSource dataSource = dataSource(database);
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .build();
        // One record key for every row: one partition, so the order on the topic is the outbox order.
        String key = database + "-" + UUID.randomUUID();
        Span request = otel.getTracer("test").spanBuilder("request").startSpan();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            insert(connection, key, "rolled-back");
            connection.rollback();
            for (int i = 0; i < 5; i++) {
                // the rows with a correlation id are written inside the request's span, the others outside any
                if (i % 2 == 0) {
                    try (Scope ignored = request.makeCurrent()) {
                        insert(connection, key, "row-" + i);
                    }
                } else {
                    insert(connection, key, "row-" + i);
                }
            }
            connection.commit();
        }
        request.end();

        try (otel; OutboxRelay relay = new OutboxRelay(dataSource, broker.bootstrapServers(), "test", otel)) {
            assertThat(relay.backlog()).as("the gauge before the relay runs").isEqualTo(5.0);
            relay.start();
            relay.wakeUp();
            List<ConsumerRecord<String, String>> records = read(key, 5);

            assertThat(records).extracting(ConsumerRecord::value).containsExactly(
                    payload("row-0"), payload("row-1"), payload("row-2"), payload("row-3"), payload("row-4"));
            ConsumerRecord<String, String> first = records.get(0);
            assertThat(header(first, EventHeaders.EVENT_TYPE)).isEqualTo("SigningKeyRetired");
            assertThat(UUID.fromString(header(first, EventHeaders.EVENT_ID))).isNotNull();
            assertThat(records).extracting(r -> header(r, EventHeaders.CORRELATION_ID))
                    .containsExactly("corr-row-0", null, "corr-row-2", null, "corr-row-4");
            // each row written in the request's trace is published in a span of it, whose context is the header
            List<SpanData> published = spans.getFinishedSpanItems().stream()
                    .filter(span -> span.getKind() == SpanKind.PRODUCER).toList();
            assertThat(published).hasSize(3).allSatisfy(span -> {
                assertThat(span.getName()).isEqualTo(Topics.SIGNING_KEYS + " publish");
                assertThat(span.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
                assertThat(span.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
            });
            assertThat(records).extracting(r -> header(r, EventHeaders.TRACEPARENT)).containsExactly(
                    "00-" + published.get(0).getTraceId() + "-" + published.get(0).getSpanId() + "-01", null,
                    "00-" + published.get(1).getTraceId() + "-" + published.get(1).getSpanId() + "-01", null,
                    "00-" + published.get(2).getTraceId() + "-" + published.get(2).getSpanId() + "-01");
            await().atMost(Duration.ofSeconds(30)).until(() -> relay.pendingCount() == 0);
            assertThat(relay.backlog()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void moreRowsThanOneBatchEachLeaveOnceInOrderAndAreAllMarked(String database) throws Exception {
        DataSource dataSource = dataSource(database);
        String key = database + "-many-" + UUID.randomUUID();
        int rows = 2 * OutboxRelay.BATCH + 250;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            for (int i = 0; i < rows; i++) {
                insert(connection, key, "many-" + i);
            }
            connection.commit();
        }
        try (OutboxRelay relay = new OutboxRelay(dataSource, broker.bootstrapServers(), "test", OpenTelemetry.noop())) {
            relay.start();
            relay.wakeUp();
            List<ConsumerRecord<String, String>> records = read(key, rows);

            assertThat(records).extracting(ConsumerRecord::value)
                    .containsExactlyElementsOf(IntStream.range(0, rows).mapToObj(i -> payload("many-" + i)).toList());
            await().atMost(Duration.ofSeconds(30)).until(() -> relay.pendingCount() == 0);
        }
    }

    @Test
    void backlogIsNotANumberWhileTheDatabaseCannotBeAsked() {
        JdbcDataSource noOutboxTable = new JdbcDataSource();
        noOutboxTable.setURL("jdbc:h2:mem:no-outbox-" + UUID.randomUUID());
        try (OutboxRelay relay = new OutboxRelay(noOutboxTable, broker.bootstrapServers(), "test", OpenTelemetry.noop())) {
            assertThat(relay.backlog()).isNaN();
        }
    }

    private static String payload(String marker) {
        return "{\"keyId\":\"00AA\",\"marker\":\"" + marker + "\"}";
    }

    private static void insert(Connection connection, String key, String marker) throws SQLException {
        // every other row without a correlation id: the header is sent only when there is one
        String correlationId = marker.endsWith("1") || marker.endsWith("3") ? null : "corr-" + marker;
        Outbox.Entry entry = Outbox.entry(new SigningKeyRetired("00AA", Instant.now()), payload(marker), correlationId);
        Outbox.Entry keyed = new Outbox.Entry(entry.eventId(), entry.topic(), key, entry.eventType(), entry.payload(), entry.createdAt(),
                entry.correlationId(), entry.traceParent());
        try (PreparedStatement statement = connection.prepareStatement(Outbox.INSERT_SQL)) {
            Object[] parameters = keyed.parameters();
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    /** Reads the topic until {@code expected} records with {@code key} arrived, then a little longer for extras. */
    private static List<ConsumerRecord<String, String>> read(String key, int expected) {
        List<ConsumerRecord<String, String>> mine = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(Topics.SIGNING_KEYS));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int emptyPollsAfterExpected = 0;
            while (System.nanoTime() < deadline && emptyPollsAfterExpected < 2) {
                var polled = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> record : polled) {
                    if (record.key().equals(key)) {
                        mine.add(record);
                    }
                }
                if (mine.size() >= expected && polled.isEmpty()) {
                    emptyPollsAfterExpected++;
                }
            }
        }
        return mine;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static DataSource dataSource(String database) throws SQLException {
        DataSource dataSource;
        if (database.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
            dataSource = h2;
        } else {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL("jdbc:postgresql://127.0.0.1:5432/" + PG_DATABASE);
            pg.setUser("postgres");
            dataSource = pg;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS outbox");
            statement.execute(Outbox.TABLE_DDL);
        }
        return dataSource;
    }
}
