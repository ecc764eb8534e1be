package dev.entrada.ticketing.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param smtpHost         SMTP server ({@code SMTP_HOST}); blank = the embedded in-process server
 * @param smtpPort         its port ({@code SMTP_PORT})
 * @param smtpUser         login, if the server wants one ({@code SMTP_USER})
 * @param smtpPassword     ({@code SMTP_PASSWORD})
 * @param from             sender address
 * @param embeddedSmtpPort port of the embedded server; 0 = any free port
 * @param maxAttempts      sends tried before a mail is given up (the ticket is never affected)
 * @param retryInterval    pause after the first failure; doubles with each further failure
 * @param pollInterval     how often the mail outbox is looked at
 */
@ConfigurationProperties("entrada.mail")
public record MailProperties(String smtpHost, int smtpPort, String smtpUser, String smtpPassword, String from,
                             int embeddedSmtpPort, int maxAttempts, Duration retryInterval, Duration pollInterval) {

    public boolean embedded() {
        return smtpHost == null || smtpHost.isBlank();
    }
}
