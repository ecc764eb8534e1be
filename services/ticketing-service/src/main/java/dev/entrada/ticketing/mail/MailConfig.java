package dev.entrada.ticketing.mail;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

@Configuration(proxyBeanMethods = false)
class MailConfig {

    /**
     * Jakarta Mail looks its stream provider up on every message part it encodes, through a ServiceLoader scan
     * of the class path (the nested jars of the Spring Boot jar) unless this system property names it: that
     * scan was a sixth of ticketing's CPU while issuing a burst of tickets.
     */
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        System.getProperties().putIfAbsent(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    /** Either the configured SMTP server or the embedded one. */
    @Bean
    JavaMailSender mailSender(MailProperties properties, EmbeddedSmtpServer embedded) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        Properties smtp = new Properties();
        smtp.put("mail.smtp.connectiontimeout", "10000");
        smtp.put("mail.smtp.timeout", "20000");
        smtp.put("mail.smtp.writetimeout", "20000");
        if (embedded.running()) {
            sender.setHost("127.0.0.1");
            sender.setPort(embedded.port());
        } else {
            sender.setHost(properties.smtpHost());
            sender.setPort(properties.smtpPort());
            smtp.put("mail.smtp.starttls.enable", "true");
            if (properties.smtpUser() != null && !properties.smtpUser().isBlank()) {
                sender.setUsername(properties.smtpUser());
                sender.setPassword(properties.smtpPassword());
                smtp.put("mail.smtp.auth", "true");
            }
        }
        sender.setJavaMailProperties(smtp);
        return sender;
    }
}
