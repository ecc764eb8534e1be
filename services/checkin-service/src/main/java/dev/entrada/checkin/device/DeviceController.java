package dev.entrada.checkin.device;

import dev.entrada.checkin.catalog.CatalogReplica;
import dev.entrada.checkin.catalog.Checkpoint;
import dev.entrada.identity.Access;
import dev.entrada.identity.Access.Audience;
import dev.entrada.identity.AccessRules;
import dev.entrada.identity.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

@Controller("/api/checkins/devices")
public class DeviceController {
    private final DeviceRegistry devices;
    private final CatalogReplica catalog;

    public DeviceController(DeviceRegistry devices, CatalogReplica catalog) {
        this.devices = devices;
        this.catalog = catalog;
    }

    @Serdeable
    public record RegisterDeviceRequest(
            @NotBlank @Size(max = 100) String deviceId,
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 100) String checkpointId,
            @Nullable @Size(max = 100) String eventId) {
    }

    /**
     * Registers a device (again: renames or moves it); answers the device as stored. Staff assigned to
     * the checkpoint's event.
     */
    @Post
    @Access(Audience.STAFF)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Device> register(@Body @Valid RegisterDeviceRequest request, @Nullable Caller caller) {
        Checkpoint checkpoint = catalog.resolve(request.checkpointId(), request.eventId());
        AccessRules.checkEvent(caller, checkpoint.eventId());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        devices.register(request.deviceId(), request.name(), checkpoint.eventId(), checkpoint.checkpointId(), now);
        Device device = devices.ofEvent(checkpoint.eventId()).stream()
                .filter(d -> d.deviceId().equals(request.deviceId())).findFirst().orElseThrow();
        return HttpResponse.ok(device);
    }

    /** The device list (for "stale device" warnings) is the organisers'. */
    @Get
    @Access(Audience.ORGANIZER)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public List<Device> list(@QueryValue @NotBlank @Size(max = 100) String eventId) {
        return devices.ofEvent(eventId);
    }
}
