package dev.entrada.bench;

import org.HdrHistogram.Histogram;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Load at a fixed arrival rate (open model). Each request's latency is measured from the moment it
 * was due to start, not from when it was sent, so a stalled server shows up in the numbers instead of
 * slowing the generator down (no coordinated omission).
 */
final class OpenLoad {

    record Result(Histogram latencies, int failed) {
    }

    static Result run(HttpClient http, double perSecond, Duration duration, IntFunction<HttpRequest> request) {
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        ConcurrentLinkedQueue<CompletableFuture<?>> inFlight = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        long intervalNanos = (long) (1_000_000_000L / perSecond);
        int total = (int) (perSecond * duration.toMillis() / 1000);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            CompletableFuture<?> call = http.sendAsync(request.apply(i), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        long latency = System.nanoTime() - due;
                        synchronized (histogram) {
                            histogram.recordValue(Math.min(latency, histogram.getHighestTrackableValue()));
                        }
                        if (error != null || response.statusCode() >= 400) {
                            failed.incrementAndGet();
                        }
                    });
            inFlight.add(call);
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
        return new Result(histogram, failed.get());
    }

    /** Closed model: {@code concurrency} callers back to back for {@code duration}; calls per second. */
    static double maxThroughput(int concurrency, Duration duration, Runnable call) {
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        Thread[] threads = new Thread[concurrency];
        for (int t = 0; t < concurrency; t++) {
            threads[t] = new Thread(() -> {
                while (System.nanoTime() < end) {
                    call.run();
                    done.incrementAndGet();
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    private OpenLoad() {
    }
}
