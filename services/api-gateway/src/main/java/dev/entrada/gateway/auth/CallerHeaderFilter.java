package dev.entrada.gateway.auth;

import java.time.Clock;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

import dev.entrada.gateway.problem.ProblemResponses;
import dev.entrada.identity.ServiceTokens;
import reactor.core.publisher.Mono;

/**
 * On every proxied route: the backend never sees the client's {@code X-Entrada-Caller},
 * {@code Authorization} or {@code Cookie}; a signed-in request gets a freshly minted
 * {@code X-Entrada-Caller} (60 s) naming the session's account, role and events. Also gives the bare 429
 * of the {@code RequestRateLimiter} filter a problem+json body (its {@code Retry-After} is set by
 * {@code EntradaRateLimiter}).
 */
public class CallerHeaderFilter implements GlobalFilter, Ordered {

    private final ServiceTokens tokens;
    private final Clock clock;

    public CallerHeaderFilter(ServiceTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Session session = exchange.getAttribute(SessionFilter.SESSION_ATTRIBUTE);
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> {
            headers.remove(ServiceTokens.HEADER);
            headers.remove(HttpHeaders.AUTHORIZATION);
            headers.remove(HttpHeaders.COOKIE);
            if (session != null) {
                headers.set(ServiceTokens.HEADER, tokens.mint(session.caller(), clock.instant()));
            }
        }).build();
        String path = exchange.getRequest().getPath().value();
        ServerHttpResponse response = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> setComplete() {
                HttpStatusCode status = getStatusCode();
                if (status != null && status.value() == HttpStatus.TOO_MANY_REQUESTS.value() && !isCommitted()) {
                    byte[] body = ProblemResponses.body(HttpStatus.TOO_MANY_REQUESTS,
                            "Too many requests: try again after the time in Retry-After (seconds).", path);
                    getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
                    getHeaders().setContentLength(body.length);
                    return writeWith(Mono.just(bufferFactory().wrap(body)));
                }
                return super.setComplete();
            }
        };
        return chain.filter(exchange.mutate().request(request).response(response).build());
    }
}
