package dev.entrada.gateway.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error the gateway itself produces (no route, backend down, timeout, bug) becomes
 * {@code application/problem+json}; never an HTML error page or a stack trace. Runs before Boot's
 * default handler (order -1).
 */
@Component
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    private final JsonMapper json;

    ProblemErrorHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String path = exchange.getRequest().getPath().value();
        boolean apiPath = path.equals("/api") || path.startsWith("/api/");
        Problem problem = GatewayProblems.classify(error, apiPath && route == null);
        logIfServerSide(problem, route, error);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.put("instance", path);
        byte[] bytes = json.writeValueAsBytes(body);

        response.setStatusCode(HttpStatusCode.valueOf(problem.status()));
        HttpHeaders headers = response.getHeaders();
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(bytes.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }

    // Paths and query strings are not logged: they carry access tokens.
    private static void logIfServerSide(Problem problem, Route route, Throwable error) {
        String routeId = route != null ? route.getId() : "-";
        if (problem.status() == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
            log.error("Unexpected error on route {}", routeId, error);
        } else if (problem.status() >= 500) {
            log.warn("Route {}: {} ({})", routeId, problem.title(), error.getClass().getSimpleName());
        }
    }
}
