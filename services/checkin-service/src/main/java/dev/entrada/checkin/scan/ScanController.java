package dev.entrada.checkin.scan;

import dev.entrada.checkin.web.InvalidInputException;
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

    /** Every readable request gets 200 with a verdict, a forged or garbage code included. */
    @Post
    @ExecuteOn(TaskExecutors.BLOCKING)
    public ScanResponse scan(@Body @Valid ScanRequest request) {
        return scans.scan(request);
    }

    /** A staff member checks someone in by ticket id (found with {@code /search}). */
    @Post("/manual")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public ScanResponse manual(@Body @Valid ManualCheckInRequest request) {
        return scans.manual(request);
    }

    /** Offline scans, each decided and recorded in its own transaction; results in the batch's order. */
    @Post("/sync")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public SyncResponse sync(@Body @Valid SyncRequest request) {
        List<ScanResponse> results = new ArrayList<>(request.scans().size());
        for (int i = 0; i < request.scans().size(); i++) {
            try {
                results.add(scans.offline(request.deviceId(), request.scans().get(i)));
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
