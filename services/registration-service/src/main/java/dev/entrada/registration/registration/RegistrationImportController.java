package dev.entrada.registration.registration;

import dev.entrada.identity.Access;
import dev.entrada.identity.Access.Audience;
import dev.entrada.registration.catalog.EventNotFoundException;
import dev.entrada.registration.web.InvalidField;
import dev.entrada.registration.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** Organisers only: importing means vouching for the participants' consent. */
@Access(Audience.ORGANIZER)
@RestController
class RegistrationImportController {
    private final RegistrationImportService imports;
    private final ImportJobs jobs;

    RegistrationImportController(RegistrationImportService imports, ImportJobs jobs) {
        this.imports = imports;
        this.jobs = jobs;
    }

    /** Imports the file and answers with the report. */
    @PostMapping(path = "/api/events/{eventId}/registrations/import", consumes = "text/csv")
    ResponseEntity<Object> importCsv(@PathVariable String eventId, @RequestParam(defaultValue = "all-or-nothing") String mode,
                                     @RequestBody String csv) {
        return prepared(eventId, mode, csv, (p, m) -> ResponseEntity.ok(imports.run(p, m, RegistrationImportService.Progress.NONE)));
    }

    /** Starts the import in the background: {@code 202} with a job to follow at its Location. */
    @PostMapping(path = "/api/events/{eventId}/registrations/imports", consumes = "text/csv")
    ResponseEntity<Object> startImport(@PathVariable String eventId, @RequestParam(defaultValue = "all-or-nothing") String mode,
                                       @RequestBody String csv) {
        return prepared(eventId, mode, csv, (p, m) -> {
            ImportJobs.Job job = jobs.start(p, m);
            return ResponseEntity.accepted().location(URI.create("/api/events/" + eventId + "/registrations/imports/" + job.id))
                    .body(job.view());
        });
    }

    @GetMapping("/api/events/{eventId}/registrations/imports/{jobId}")
    ResponseEntity<Object> job(@PathVariable String eventId, @PathVariable String jobId) {
        return jobs.find(eventId, jobId).<ResponseEntity<Object>>map(j -> ResponseEntity.ok(j.view()))
                .orElseGet(() -> Problems.response(Problems.problem(HttpStatus.NOT_FOUND, "import-not-found", "Import not found",
                        "No import with this id for this event (imports are remembered for an hour).")));
    }

    private interface Then {
        ResponseEntity<Object> apply(RegistrationImportService.Prepared prepared, RegistrationImportService.Mode mode);
    }

    private ResponseEntity<Object> prepared(String eventId, String mode, String csv, Then then) {
        RegistrationImportService.Mode parsed = switch (mode) {
            case "all-or-nothing" -> RegistrationImportService.Mode.ALL_OR_NOTHING;
            case "valid-only" -> RegistrationImportService.Mode.VALID_ONLY;
            default -> null;
        };
        if (parsed == null) {
            return Problems.response(Problems.invalid(HttpStatus.BAD_REQUEST, "Unknown import mode.",
                    List.of(new InvalidField("mode", "must be all-or-nothing or valid-only"))));
        }
        try {
            RegistrationImportService.Prepared prepared = imports.prepare(eventId, csv)
                    .orElseThrow(() -> new EventNotFoundException(eventId));
            return then.apply(prepared, parsed);
        } catch (RegistrationImportService.BadFileException e) {
            return Problems.response(Problems.invalid(HttpStatus.BAD_REQUEST, "The file cannot be imported.",
                    List.of(new InvalidField(e.field(), e.getMessage()))));
        }
    }
}
