package dev.entrada.gateway.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.util.Map;

import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code /actuator/health} (and its groups, {@code /actuator/health/readiness}, {@code …/liveness}) on the
 * public port. The gateway's actuator lives on {@code MANAGEMENT_PORT}, so that {@code /actuator/prometheus}
 * is never reachable from outside; health stays where the launcher, Compose and Kubernetes look for it.
 * Only the status is shown: 200 when UP, 503 otherwise, 404 for an unknown group.
 */
@Configuration(proxyBeanMethods = false)
class PublicHealthRoutes {

    @Bean
    RouterFunction<ServerResponse> publicHealth(HealthEndpoint health) {
        return route(GET("/actuator/health"), request -> answer(Mono.fromCallable(health::health)))
                .andRoute(GET("/actuator/health/{group}"),
                        request -> answer(Mono.fromCallable(() -> health.healthForPath(request.pathVariable("group")))));
    }

    /** Health contributors (the database) block: asked on the bounded-elastic scheduler. */
    private static Mono<ServerResponse> answer(Mono<HealthDescriptor> descriptor) {
        return descriptor.subscribeOn(Schedulers.boundedElastic())
                .flatMap(found -> ServerResponse.status(Status.UP.equals(found.getStatus()) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                        .contentType(MediaType.APPLICATION_JSON)
                        .cacheControl(CacheControl.noStore())
                        .bodyValue(Map.of("status", found.getStatus().getCode())))
                .switchIfEmpty(ServerResponse.notFound().build());
    }
}
