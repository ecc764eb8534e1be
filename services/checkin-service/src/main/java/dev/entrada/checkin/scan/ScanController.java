package dev.entrada.checkin.scan;

import dev.entrada.checkin.web.InvalidInputException;
import dev.entrada.identity.Access;
import dev.entrada.identity.Access.Audience;
import dev.entrada.identity.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;

import java.util.ArrayList;
import java.util.List;

@Controller("/api/checkins")
public class ScanController {
    private final ScanService scans;

    public ScanController(ScanService scans) {
        this.scans = scans;
    }

    /**
     * Every readable request from staff assigned to the checkpoint's event gets 200 with a verdict, a
     * forged or garbage code included.
     */
    @Post
    @Access(Audience.STAFF)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public ScanResponse scan(@Body @Valid ScanRequest request, @Nullable Caller caller) {
        return scans.scan(request, caller);
    }

    /** A staff member checks someone in by ticket id (found with {@code /search}). */
    @Post("/manual")
    @Access(Audience.STAFF)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public ScanResponse manual(@Body @Valid ManualCheckInRequest request, @Nullable Caller caller) {
        return scans.manual(request, caller);
    }

    /**
     * Offline scans, each decided and recorded in its own transaction; results in the batch's order.
     * The whole batch is checked first: one scan at a checkpoint of an event the caller is not
     * assigned to refuses the batch (403) before anything is recorded.
     */
    @Post("/sync")
    @Access(Audience.STAFF)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public SyncResponse sync(@Body @Valid SyncRequest request, @Nullable Caller caller) {
        for (SyncRequest.OfflineScan scan : request.scans()) {
            scans.authorizeOffline(request.deviceId(), scan, caller);
        }
        List<ScanResponse> results = new ArrayList<>(request.scans().size());
        for (int i = 0; i < request.scans().size(); i++) {
            try {
                results.add(scans.offline(request.deviceId(), request.scans().get(i), caller));
            } catch (InvalidInputException e) {
                // Scans before this one are recorded; uploading the batch again is safe.
                throw new InvalidInputException("scans[" + i + "]." + e.field(), e.getMessage());
            }
        }
        return new SyncResponse(results);
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SyncResponse(List<ScanResponse> results) {
    }
}
