package dev.entrada.ticketing.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.ticketing.TicketingServiceTestSupport;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A configured SMTP server that is down: tickets are issued anyway, and the mail goes out once it is back. */
class MailRetryIT extends TicketingServiceTestSupport {
    private static final int SMTP_PORT = freePort();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    EmbeddedSmtpServer embedded;

    @DynamicPropertySource
    static void smtpThatIsDown(DynamicPropertyRegistry registry) {
        registry.add("entrada.mail.smtp-host", () -> "127.0.0.1");
        registry.add("entrada.mail.smtp-port", () -> SMTP_PORT);
        registry.add("entrada.mail.retry-interval", () -> "100ms");
        registry.add("entrada.mail.poll-interval", () -> "100ms");
        registry.add("entrada.mail.max-attempts", () -> 1000);
    }

    @Test
    void aFailedSendNeitherBlocksNorLosesTheTicketAndIsRetried() throws Exception {
        assertThat(embedded.running()).isFalse();
        RegistrationConfirmed registration = confirmed(UUID.randomUUID().toString());
        publish(registration, UUID.randomUUID().toString());
        String ticketId = json.readValue(awaitTicketIssued(registration.registrationId()).value(), TicketIssued.class).ticketId();

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                        "SELECT attempts, last_error, sent_at FROM mail_outbox WHERE ticket_id = ?").param(ticketId)
                .query((row, n) -> row.getInt("attempts") >= 2 && row.getString("last_error") != null
                        && row.getObject("sent_at") == null).single());
        assertThat(get("/api/tickets/" + ticketId + "?token=" + SAMPLE_TOKEN).statusCode()).isEqualTo(200);

        GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        afterApplication(smtp::stop);
        MimeMessage received = await().atMost(Duration.ofSeconds(30))
                .until(smtp::getReceivedMessages, messages -> messages.length > 0)[0];
        assertThat(received.getAllRecipients()[0].toString()).isEqualTo(registration.email());
        assertThat(received.getHeader("Content-Language", ",")).isEqualTo("es");
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT sent_at FROM mail_outbox WHERE ticket_id = ?")
                .param(ticketId).query((row, n) -> row.getObject("sent_at") != null).single());
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
