package dev.entrada.reporting.rebuild;

import dev.entrada.reporting.web.OrganizerAuth;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;

/** Organisers rebuild the projections from the topics' history and watch its progress. */
@Controller("/api/reports/rebuild")
public class RebuildController {
    private final OrganizerAuth auth;
    private final Rebuilder rebuilder;

    public RebuildController(OrganizerAuth auth, Rebuilder rebuilder) {
        this.auth = auth;
        this.rebuilder = rebuilder;
    }

    /** 202 with the status of the rebuild just started; 409 problem+json if one is running. */
    @Post
    public HttpResponse<RebuildStatus> start(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        auth.require(authorization);
        return HttpResponse.accepted().body(rebuilder.start());
    }

    @Get
    public RebuildStatus status(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        auth.require(authorization);
        return rebuilder.status();
    }
}
