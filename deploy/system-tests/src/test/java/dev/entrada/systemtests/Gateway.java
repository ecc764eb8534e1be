package dev.entrada.systemtests;

import dev.entrada.local.Stack;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A black-box client of the public API: plain HTTP to the gateway, JSON in and out; anonymous, or
 * signed in as the stack's {@code organizer} or {@code staff} ({@code Authorization: Bearer}).
 */
final class Gateway {
    static final JsonMapper JSON = JsonMapper.builder().build();

    record Response(int status, String contentType, JsonNode body) {
    }

    private final String baseUrl;
    private final String bearer;
    private final Map<String, String> headers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Gateway(String baseUrl) {
        this(baseUrl, null, Map.of());
    }

    private Gateway(String baseUrl, String bearer, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.bearer = bearer;
        this.headers = headers;
    }

    /** Signed in as the stack's organiser. */
    static Gateway organizer(Stack stack) {
        return new Gateway(stack.gatewayUrl()).signIn("organizer", stack.config().credentials().organizerPassword());
    }

    /** Signed in as the stack's door staff (every event). */
    static Gateway staff(Stack stack) {
        return new Gateway(stack.gatewayUrl()).signIn("staff", stack.config().credentials().staffPassword());
    }

    /** This client, signed in through {@code POST /api/auth/token}. */
    Gateway signIn(String username, String password) {
        Response answer = post("/api/auth/token", Map.of("username", username, "password", password));
        if (answer.status() != 200) {
            throw new AssertionError("sign-in as " + username + " answered " + answer.status() + ": " + answer.body());
        }
        return new Gateway(baseUrl, answer.body().path("token").asText(), headers);
    }

    /** This client, sending {@code name: value} with every request (e.g. a W3C {@code traceparent}). */
    Gateway withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new Gateway(baseUrl, bearer, Map.copyOf(more));
    }

    /** The bearer token this client signs its requests with, {@code null} when anonymous. */
    String token() {
        return bearer;
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    Response post(String path, Object body) {
        return postRaw(path, JSON.writeValueAsString(body));
    }

    Response postRaw(String path, String json) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    byte[] getBytes(String path) {
        try {
            HttpResponse<byte[]> response = http.send(request(path)
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A raw response, for checks of status and headers beyond JSON (CSV exports, 401s). */
    HttpResponse<String> getRaw(String path) {
        try {
            return http.send(request(path).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        headers.forEach(request::header);
        return bearer == null ? request : request.header("Authorization", "Bearer " + bearer);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = response.body().isBlank() ? NullNode.getInstance() : JSON.readTree(response.body());
            return new Response(response.statusCode(), contentType, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
