package dev.entrada.checkin.scan;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;

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
}
