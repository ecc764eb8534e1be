package dev.entrada.spring;

import dev.entrada.contracts.EventHeaders;
import dev.entrada.identity.CorrelationIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.MDC;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The correlation id ({@link CorrelationIds}) in the logging MDC while a request or a consumed record is
 * handled: from {@code X-Correlation-Id} (the gateway's; a new one for a direct call) or from the record's
 * {@code correlation-id} header (none if it has none). The outbox writer copies it into every event written
 * meanwhile, so it travels on.
 */
@Configuration(proxyBeanMethods = false)
public class CorrelationConfig {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> correlationFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                MDC.put(CorrelationIds.MDC_KEY, CorrelationIds.acceptOrNew(request.getHeader(CorrelationIds.HEADER)));
                try {
                    chain.doFilter(request, response);
                } finally {
                    MDC.remove(CorrelationIds.MDC_KEY);
                }
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Boot wires this into the listener container factory. */
    @Bean
    RecordInterceptor<Object, Object> correlationFromRecord() {
        return new RecordInterceptor<>() {
            @Override
            public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
                Header header = record.headers().lastHeader(EventHeaders.CORRELATION_ID);
                String id = header == null ? null : CorrelationIds.accept(new String(header.value(), StandardCharsets.UTF_8));
                if (id == null) {
                    MDC.remove(CorrelationIds.MDC_KEY);
                } else {
                    MDC.put(CorrelationIds.MDC_KEY, id);
                }
                return record;
            }

            @Override
            public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
                MDC.remove(CorrelationIds.MDC_KEY);
            }
        };
    }
}
