package dev.entrada.ticketing;

import dev.entrada.spring.CallerAccess;
import dev.entrada.spring.CorrelationConfig;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@Import({CallerAccess.class, CorrelationConfig.class})
@ConfigurationPropertiesScan
public class TicketingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(TicketingServiceApplication.class, args);
    }
}
