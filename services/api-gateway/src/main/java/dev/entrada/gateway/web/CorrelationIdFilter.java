package dev.entrada.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.entrada.identity.CorrelationIds;
import reactor.core.publisher.Mono;

/**
 * Every request gets a correlation id: the client's {@code X-Correlation-Id} if it is sane (a load
 * balancer's request id, say), else a new UUID. It is forwarded to the backend, which logs with it and
 * hands it on through Kafka, and returned to the client, so a report of a problem can quote it.
 */
@Component
class CorrelationIdFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = CorrelationIds.acceptOrNew(exchange.getRequest().getHeaders().getFirst(CorrelationIds.HEADER));
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> headers.set(CorrelationIds.HEADER, id)).build();
        exchange.getResponse().getHeaders().set(CorrelationIds.HEADER, id);
        return chain.filter(exchange.mutate().request(request).build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
