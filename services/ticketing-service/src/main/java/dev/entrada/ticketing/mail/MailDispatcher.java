package dev.entrada.ticketing.mail;

import dev.entrada.ticketing.ticket.Ticket;
import dev.entrada.ticketing.ticket.TicketRepository;
import dev.entrada.ticketing.ticket.TicketStatus;
import jakarta.mail.internet.AddressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends the mail outbox on a thread of its own, so a slow or failing SMTP server never holds up
 * issuing tickets. A failure is retried with a doubling pause, up to {@code max-attempts}. Meant for
 * one instance of the service (two would both send a mail).
 */
@Component
class MailDispatcher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    private static final int BATCH = 20;
    private static final Duration MAX_PAUSE = Duration.ofHours(1);

    private final MailOutbox outbox;
    private final TicketRepository tickets;
    private final TicketMails mails;
    private final JavaMailSender sender;
    private final MailProperties properties;
    private final Clock clock;
    private ScheduledExecutorService executor;

    MailDispatcher(MailOutbox outbox, TicketRepository tickets, TicketMails mails, JavaMailSender sender,
                   MailProperties properties, Clock clock) {
        this.outbox = outbox;
        this.tickets = tickets;
        this.mails = mails;
        this.sender = sender;
        this.properties = properties;
        this.clock = clock;
    }

    void sendDue() {
        for (MailOutbox.Pending pending : outbox.due(clock.instant(), BATCH)) {
            Optional<Ticket> ticket = tickets.findById(pending.ticketId());
            if (ticket.isEmpty() || ticket.get().status() != TicketStatus.ISSUED || ticket.get().email() == null) {
                outbox.giveUp(pending.id(), "ticket replaced, revoked or erased before its mail went out", clock.instant());
                continue;
            }
            try {
                sender.send(mails.compose(ticket.get()));
                outbox.sent(pending.id(), clock.instant());
                log.info("mailed ticket {}", pending.ticketId());
            } catch (Exception e) {
                failed(pending, e);
            }
        }
    }

    private void failed(MailOutbox.Pending pending, Exception e) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
        String error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        int attempts = pending.attempts() + 1;
        if (attempts >= properties.maxAttempts() || cause instanceof AddressException) {
            outbox.giveUp(pending.id(), error, clock.instant());
            log.warn("gave up mailing ticket {} after {} attempts: {}", pending.ticketId(), attempts, error);
            return;
        }
        Duration pause = properties.retryInterval().multipliedBy(1L << Math.min(attempts - 1, 20));
        Instant next = clock.instant().plus(pause.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause);
        outbox.failed(pending.id(), error, next);
        log.warn("mailing ticket {} failed (attempt {}), retrying at {}: {}", pending.ticketId(), attempts, next, error);
    }

    private void sendDueSafely() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            // The database may be briefly away; the next round tries again.
            log.warn("mail outbox round failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mail-outbox");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::sendDueSafely, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
