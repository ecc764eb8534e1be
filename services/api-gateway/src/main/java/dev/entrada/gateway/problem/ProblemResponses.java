package dev.entrada.gateway.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 problems the gateway answers with itself, from filters and from its own endpoints. */
public final class ProblemResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {
    }

    public static byte[] body(HttpStatus status, String detail, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", instance);
        return JSON.writeValueAsBytes(body);
    }

    /** Writes the problem as the exchange's response (from a filter). */
    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail, Consumer<HttpHeaders> headers) {
        ServerHttpResponse response = exchange.getResponse();
        byte[] bytes = body(status, detail, exchange.getRequest().getPath().value());
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(bytes.length);
        headers.accept(response.getHeaders());
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }

    /** The problem as a handler's answer. */
    public static Mono<ServerResponse> response(HttpStatus status, String detail, String instance, Consumer<HttpHeaders> headers) {
        return ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .headers(headers)
                .bodyValue(body(status, detail, instance));
    }

    public static Mono<ServerResponse> response(HttpStatus status, String detail, String instance) {
        return response(status, detail, instance, headers -> {
        });
    }
}
