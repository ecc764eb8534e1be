package dev.entrada.checkin.search;

import dev.entrada.identity.Access;
import dev.entrada.identity.Access.Audience;
import dev.entrada.identity.AccessRules;
import dev.entrada.identity.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

@Controller("/api/checkins/search")
public class SearchController {
    private final AttendeeSearch search;

    public SearchController(AttendeeSearch search) {
        this.search = search;
    }

    /** Empty lists are written too (Micronaut leaves them out by default). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SearchResponse(String eventId, String q, List<AttendeeSearch.Match> matches) {
    }

    /**
     * {@code q}: at least 2 characters of a name, organisation or e-mail; at most 25 matches. Staff
     * assigned to the event only.
     */
    @Get
    @Access(Audience.STAFF)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public SearchResponse search(@QueryValue @NotBlank @Size(max = 100) String eventId,
                                 @QueryValue @NotBlank @Size(min = 2, max = 100) String q,
                                 @Nullable Caller caller) {
        AccessRules.checkEvent(caller, eventId);
        return new SearchResponse(eventId, q, search.find(eventId, q.strip()));
    }
}
