package dev.entrada.reporting.rebuild;

import dev.entrada.identity.Access;
import dev.entrada.identity.Access.Audience;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;

/** Organisers rebuild the projections from the topics' history and watch its progress. */
@Controller("/api/reports/rebuild")
@Access(Audience.ORGANIZER)
public class RebuildController {
    private final Rebuilder rebuilder;

    public RebuildController(Rebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    /** 202 with the status of the rebuild just started; 409 problem+json if one is running. */
    @Post
    public HttpResponse<RebuildStatus> start() {
        return HttpResponse.accepted().body(rebuilder.start());
    }

    @Get
    public RebuildStatus status() {
        return rebuilder.status();
    }
}
