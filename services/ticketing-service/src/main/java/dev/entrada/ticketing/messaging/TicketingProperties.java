package dev.entrada.ticketing.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param retries       attempts after the first before a registration event is dead-lettered
 * @param retryInterval pause between those attempts
 */
@ConfigurationProperties("entrada.ticketing")
public record TicketingProperties(int retries, Duration retryInterval) {
}
