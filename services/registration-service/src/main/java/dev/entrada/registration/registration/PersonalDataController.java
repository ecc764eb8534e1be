package dev.entrada.registration.registration;

import dev.entrada.identity.Access;
import dev.entrada.identity.Access.Audience;
import dev.entrada.identity.Caller;
import dev.entrada.identity.Role;
import dev.entrada.registration.web.Problems;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The attendee's data rights: {@code GET .../export} and {@code POST .../erasure}, by the attendee's
 * link token ({@code ?t=}, or {@code ?token=} like the other registration calls) or by an organiser.
 * A wrong token, no token and an unknown id all give the same {@code 404}.
 */
@RestController
class PersonalDataController {
    private final PersonalDataService personalData;

    PersonalDataController(PersonalDataService personalData) {
        this.personalData = personalData;
    }

    @Access(Audience.LINK)
    @GetMapping("/api/registrations/{registrationId}/export")
    ResponseEntity<Object> export(@PathVariable String registrationId, @RequestParam(required = false) String t,
                                  @RequestParam(required = false) String token, Caller caller) {
        return personalData.export(registrationId, t != null ? t : token, isOrganizer(caller))
                .<ResponseEntity<Object>>map(body -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .cacheControl(CacheControl.noStore())
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"entrada-registration-" + registrationId + ".json\"")
                        .body(body))
                .orElseGet(PersonalDataController::notFound);
    }

    /** Erases the person's data; again → the same {@code 200} with {@code alreadyErased: true}, nothing changes. */
    @Access(Audience.LINK)
    @PostMapping("/api/registrations/{registrationId}/erasure")
    ResponseEntity<Object> erase(@PathVariable String registrationId, @RequestParam(required = false) String t,
                                 @RequestParam(required = false) String token, Caller caller) {
        return personalData.erase(registrationId, t != null ? t : token, isOrganizer(caller))
                .<ResponseEntity<Object>>map(erasure -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("registrationId", erasure.registrationId());
                    body.put("status", erasure.status());
                    body.put("erased", true);
                    body.put("erasedAt", erasure.erasedAt().toString());
                    body.put("reason", erasure.reason());
                    body.put("alreadyErased", erasure.alreadyErased());
                    return ResponseEntity.ok(body);
                })
                .orElseGet(PersonalDataController::notFound);
    }

    private static boolean isOrganizer(Caller caller) {
        return caller != null && caller.has(Role.ORGANIZER);
    }

    private static ResponseEntity<Object> notFound() {
        return Problems.response(Problems.problem(HttpStatus.NOT_FOUND, "registration-not-found",
                "Registration not found", "No registration with this id and token."));
    }
}
