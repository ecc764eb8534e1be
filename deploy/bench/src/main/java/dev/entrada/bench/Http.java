package dev.entrada.bench;

import dev.entrada.identity.Caller;
import dev.entrada.identity.Role;
import dev.entrada.identity.ServiceTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * JSON over HTTP for the scenarios. The bench talks to the services directly, as the gateway would:
 * every request carries a caller token minted with the stack's secret for an admin-level caller, so
 * the services' own verification is part of what is measured.
 */
final class Http {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Caller BENCH = new Caller("bench", Role.ADMIN, Set.of(Caller.ALL_EVENTS), "bench");
    private static volatile ServiceTokens tokens;

    /** Signs every later request with this stack's caller-token secret. */
    static void useSecret(String serviceTokenSecret) {
        tokens = new ServiceTokens(serviceTokenSecret);
    }

    /** A request to {@code url} with a fresh caller token (tokens live a minute; runs last longer). */
    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header(ServiceTokens.HEADER, tokens.mint(BENCH, Instant.now()));
    }

    record Answer(int status, JsonNode body) {
    }

    static HttpRequest.Builder postJson(String url, Object body) {
        return request(url)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Answer get(String url) {
        return send(request(url).GET());
    }

    private Http() {
    }
}
