package dev.entrada.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.entrada.gateway.TestSessions;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebUiTest {

    static final String CSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; "
            + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/(?:js|css)/[^\"]+)\"");
    private static final Pattern IMPORT = Pattern.compile("from '\\./([\\w-]+\\.js)'");

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    WebTestClient client;

    /** The scanner and the dashboard need a sign-in: an organiser may open both. One for the class. */
    static String organizerCookie;

    @BeforeEach
    void setUp() {
        // as generous as the other gateway tests: CI once saw a sign-in here take longer than 15 s
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
        if (organizerCookie == null) {
            organizerCookie = TestSessions.organizer(client).cookie();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/,                         /js/register.js",
            "/login,                    /js/login.js",
            "/scan,                     /js/scan.js",
            "/dashboard,                /js/dashboard.js",
            "/tickets/some-id,          /js/ticket.js",
            "/tickets/0b7c-any-uuid-at-all, /js/ticket.js",
    })
    void pagesAreServedWithTheStrictSecurityHeaders(String path, String script) {
        String html = page(path);
        assertThat(html).contains("<script type=\"module\" src=\"" + script + "\"></script>");
        assertThat(html).contains("<link rel=\"stylesheet\" href=\"/css/app.css\">");
    }

    @Test
    void everyScriptStylesheetAndModuleThePagesNeedIsServed() {
        Set<String> assets = new LinkedHashSet<>();
        for (String page : List.of("/", "/login", "/scan", "/dashboard", "/tickets/x")) {
            Matcher matcher = ASSET.matcher(page(page));
            while (matcher.find()) {
                assets.add(matcher.group(1));
            }
        }
        List<String> queue = new ArrayList<>(assets);
        for (int i = 0; i < queue.size(); i++) {
            String asset = queue.get(i);
            String body = asset(asset);
            Matcher imports = IMPORT.matcher(body);
            while (imports.find()) {
                String imported = "/js/" + imports.group(1);
                if (assets.add(imported)) {
                    queue.add(imported);
                }
            }
        }
        assertThat(assets).contains("/css/app.css", "/js/register.js", "/js/dom.js", "/js/i18n.js", "/js/countries.js",
                "/js/login.js", "/js/session.js");
    }

    @Test
    void theTicketPagesServiceWorkerIsServedAsJavaScriptFromTheRoot() {
        // Served from / so that it may control /tickets/ (no Service-Worker-Allowed needed); the CSP's
        // script-src 'self' also covers workers (worker-src falls back to it).
        String body = asset("/ticket-sw.js");
        assertThat(body).contains("addEventListener('fetch'");
        assertThat(page("/tickets/x")).contains("<script type=\"module\" src=\"/js/ticket.js\"></script>");
        assertThat(asset("/js/ticket.js")).contains("serviceWorker.register('/ticket-sw.js', { scope: '/tickets/' })");
    }

    @Test
    void healthIsExposed() {
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/health/no-such-group").exchange().expectStatus().isNotFound();
    }

    @Test
    void metricsAreOnlyOnTheManagementPort() {
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();

        // Histogram buckets per route make the page large once many requests have been served.
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .responseTimeout(Duration.ofSeconds(30)).build();
        String metrics = new String(management.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectHeader().value("Content-Type", type -> assertThat(type).startsWith("text/plain"))
                .expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
        assertThat(metrics).containsPattern("(?m)^http_server_requests_seconds_bucket\\{[^}]*application=\"api-gateway\"");
    }

    private String page(String path) {
        byte[] body = client.get().uri(path).cookie("entrada_session", organizerCookie).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals("Content-Security-Policy", CSP)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectBody().returnResult().getResponseBody();
        assertThat(body).isNotNull();
        return new String(body, StandardCharsets.UTF_8);
    }

    private String asset(String path) {
        MediaType expected = path.endsWith(".css") ? MediaType.valueOf("text/css") : MediaType.valueOf("text/javascript");
        byte[] body = client.get().uri(path).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(expected)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectBody().returnResult().getResponseBody();
        assertThat(body).as(path).isNotEmpty();
        return new String(body, StandardCharsets.UTF_8);
    }
}
