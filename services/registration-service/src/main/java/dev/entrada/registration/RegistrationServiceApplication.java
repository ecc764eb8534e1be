package dev.entrada.registration;

import dev.entrada.spring.CallerAccess;
import dev.entrada.spring.CorrelationConfig;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@Import({CallerAccess.class, CorrelationConfig.class})
@EnableScheduling
public class RegistrationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RegistrationServiceApplication.class, args);
    }
}
