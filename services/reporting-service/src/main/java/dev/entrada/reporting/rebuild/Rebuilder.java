package dev.entrada.reporting.rebuild;

import dev.entrada.contracts.Topics;
import dev.entrada.reporting.live.AttendanceFeed;
import dev.entrada.reporting.messaging.EventReader;
import dev.entrada.reporting.messaging.ReadResult;
import dev.entrada.reporting.projection.Projector;
import io.micronaut.configuration.kafka.ConsumerRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds every projection from the topics' history, on an organiser's request.
 *
 * <p>The live consumers are paused, the projections (and the processed-event ids) are emptied in one
 * transaction, and a group-less consumer reads every partition of every topic from its beginning up to
 * the end offsets taken at the start, through the same reader and projector as the live path. Then the
 * live consumers resume from their own committed offsets: what they apply again is found in
 * processed_events and changes nothing, what arrived meanwhile is applied as usual. The projections are
 * commutative (see Projector), so the result equals the live numbers. While it runs, the dashboards see
 * the numbers climb back (the feed is poked as records are applied). Unreadable records are skipped, not
 * dead-lettered again (the live path did that the first time).
 */
@Singleton
public class Rebuilder {
    private static final Logger LOG = LoggerFactory.getLogger(Rebuilder.class);
    static final Duration PAUSE_TIMEOUT = Duration.ofSeconds(30);
    static final Duration POLL = Duration.ofMillis(500);

    private final ConsumerRegistry consumers;
    private final EventReader reader;
    private final Projector projector;
    private final AttendanceFeed feed;
    private final String bootstrapServers;
    private final AtomicReference<RebuildStatus> status = new AtomicReference<>(RebuildStatus.idle());

    public Rebuilder(ConsumerRegistry consumers, EventReader reader, Projector projector, AttendanceFeed feed,
                     @Value("${kafka.bootstrap.servers}") String bootstrapServers) {
        this.consumers = consumers;
        this.reader = reader;
        this.projector = projector;
        this.feed = feed;
        this.bootstrapServers = bootstrapServers;
    }

    public RebuildStatus status() {
        return status.get();
    }

    /** Starts a rebuild in the background; 409 if one is running. */
    public synchronized RebuildStatus start() {
        if (status.get().running()) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "A rebuild is already running");
        }
        RebuildStatus started = RebuildStatus.started(Instant.now());
        status.set(started);
        Thread worker = new Thread(this::run, "projection-rebuild");
        worker.setDaemon(true);
        worker.start();
        return started;
    }

    private void run() {
        Set<String> live = new HashSet<>(consumers.getConsumerIds());
        try {
            awaitPaused(live);
            projector.wipe();
            feed.changed();
            replay(live);
            status.updateAndGet(s -> s.done(Instant.now()));
            LOG.info("Projections rebuilt: {} records read, {} facts applied", status.get().read(), status.get().applied());
        } catch (Exception e) {
            LOG.error("Rebuild failed", e);
            status.updateAndGet(s -> s.failed(Instant.now(), String.valueOf(e.getMessage())));
        } finally {
            live.forEach(consumers::resume);
            feed.changed();
        }
    }

    /**
     * Pauses the live consumers and waits until they are. Pausing only saves work: the projector never
     * lets a wipe overlap an apply, and applying twice changes nothing, so a consumer still running after
     * the timeout is reported and the rebuild goes on.
     */
    void awaitPaused(Set<String> ids) throws InterruptedException {
        long deadline = System.nanoTime() + PAUSE_TIMEOUT.toNanos();
        while (!keepPaused(ids)) {
            if (System.nanoTime() > deadline) {
                LOG.warn("Some live consumers did not pause within {}; rebuilding anyway", PAUSE_TIMEOUT);
                return;
            }
            Thread.sleep(20);
        }
    }

    /**
     * (Re)requests a pause of every consumer not paused; true if all are. Micronaut's retry back-off pauses
     * a partition and resumes it when the delay ends, which also drops a pause requested meanwhile: asking
     * once is not enough while a consumer is retrying a failed record.
     */
    private boolean keepPaused(Set<String> ids) {
        boolean all = true;
        for (String id : ids) {
            if (!consumers.isPaused(id)) {
                consumers.pause(id);
                all = false;
            }
        }
        return all;
    }

    private void replay(Set<String> live) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Topics.ALL) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic);
                if (infos != null) {
                    infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.seekToBeginning(partitions);
            long records = partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
            long applied = 0;
            status.updateAndGet(s -> s.progressed(records, 0, 0));
            Set<TopicPartition> remaining = new HashSet<>(partitions);
            remaining.removeIf(p -> end.get(p) <= begin.get(p));
            while (!remaining.isEmpty()) {
                keepPaused(live);
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < end.get(partition) && apply(record)) {
                        applied++;
                    }
                }
                long read = 0;
                for (TopicPartition p : partitions) {
                    read += Math.min(consumer.position(p), end.get(p)) - begin.get(p);
                    if (consumer.position(p) >= end.get(p) && remaining.remove(p)) {
                        consumer.pause(List.of(p));
                    }
                }
                long readSoFar = read;
                long appliedSoFar = applied;
                status.updateAndGet(s -> s.progressed(records, readSoFar, appliedSoFar));
                feed.changed();
            }
        }
    }

    private boolean apply(ConsumerRecord<String, String> record) {
        ReadResult result = reader.read(record.headers(), record.value());
        if (result instanceof ReadResult.Readable r) {
            return projector.apply(r.eventId(), record.topic(), r.type().name(), r.event());
        }
        return false;
    }
}
