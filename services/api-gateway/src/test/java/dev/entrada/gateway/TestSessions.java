package dev.entrada.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Signs in through the gateway's own endpoint, as the pages and scanner devices do. */
public final class TestSessions {

    public static final String ORGANIZER_PASSWORD = "organizer-test-password";
    public static final String STAFF_PASSWORD = "staff-test-password-1";
    public static final String ADMIN_PASSWORD = "admin-test-password-1";
    public static final String SECRET = "test-secret-0123456789-abcdefghijklmnop";

    /** A sign-in: the Bearer token, the cookie the answer set, and the session id. */
    public record SignedIn(String token, String cookie, String sessionId) {
    }

    private TestSessions() {
    }

    public static SignedIn signIn(WebTestClient client, String username, String password) {
        return signIn(client, username, password, null);
    }

    @SuppressWarnings("unchecked")
    public static SignedIn signIn(WebTestClient client, String username, String password, String device) {
        Map<String, Object> body = device == null ? Map.of("username", username, "password", password)
                : Map.of("username", username, "password", password, "device", device);
        EntityExchangeResult<Map> result = client.post().uri("/api/auth/token")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult();
        ResponseCookie cookie = result.getResponseCookies().getFirst("entrada_session");
        assertThat(cookie).isNotNull();
        Map<String, Object> answer = result.getResponseBody();
        return new SignedIn((String) answer.get("token"), cookie.getValue(), (String) answer.get("sessionId"));
    }

    public static SignedIn organizer(WebTestClient client) {
        return signIn(client, "organizer", ORGANIZER_PASSWORD);
    }

    public static SignedIn staff(WebTestClient client) {
        return signIn(client, "staff", STAFF_PASSWORD);
    }

    public static SignedIn admin(WebTestClient client) {
        return signIn(client, "admin", ADMIN_PASSWORD);
    }
}
