package dev.entrada.gateway.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.entrada.gateway.auth.Session;
import dev.entrada.gateway.auth.SessionFilter;
import dev.entrada.identity.Role;

/**
 * The pages of the web UI at clean URLs; their CSS and JS are plain static resources. The scanner needs a
 * staff sign-in and the dashboard an organiser's: without one they redirect to {@code /login?next=…}.
 */
@Configuration(proxyBeanMethods = false)
class PageRoutes {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    @Bean
    RouterFunction<ServerResponse> pages() {
        return route(GET("/"), page("index.html"))
                .andRoute(GET("/login"), page("login.html"))
                .andRoute(GET("/scan"), signedIn(Role.STAFF, "/scan", page("scan.html")))
                .andRoute(GET("/dashboard"), signedIn(Role.ORGANIZER, "/dashboard", page("dashboard.html")))
                // Any id: the page itself asks the API for the ticket and shows what it answers.
                .andRoute(GET("/tickets/{ticketId}"), page("ticket.html"));
    }

    private static HandlerFunction<ServerResponse> signedIn(Role role, String path, HandlerFunction<ServerResponse> page) {
        URI login = URI.create("/login?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
        return request -> {
            Session session = request.exchange().getAttribute(SessionFilter.SESSION_ATTRIBUTE);
            if (session == null || !session.role().includes(role)) {
                return ServerResponse.seeOther(login).cacheControl(CacheControl.noStore()).build();
            }
            return page.handle(request);
        };
    }

    private static HandlerFunction<ServerResponse> page(String file) {
        ClassPathResource resource = new ClassPathResource("static/" + file);
        return request -> ServerResponse.ok()
                .contentType(HTML)
                .cacheControl(CacheControl.noCache())
                .bodyValue(resource);
    }
}
