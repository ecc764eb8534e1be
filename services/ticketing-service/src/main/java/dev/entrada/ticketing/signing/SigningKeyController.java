package dev.entrada.ticketing.signing;

import dev.entrada.identity.Access;
import dev.entrada.identity.Access.Audience;
import dev.entrada.ticketing.web.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.regex.Pattern;

/** Public keys for anyone who verifies codes; rotation and retirement for organisers. */
@RestController
@RequestMapping("/api/tickets/keys")
class SigningKeyController {
    private static final Pattern KEY_ID = Pattern.compile("[0-9A-Fa-f]{4}");

    /** Never the private half. */
    record SigningKeyResponse(String keyId, String algorithm, String publicKey, boolean active) {
        static SigningKeyResponse of(SigningKey key) {
            return new SigningKeyResponse(key.keyId(), SigningKey.ALGORITHM, key.publicKey(), key.retiredAt() == null);
        }
    }

    private final SigningKeys keys;

    SigningKeyController(SigningKeys keys) {
        this.keys = keys;
    }

    @Access(Audience.PUBLIC)
    @GetMapping
    List<SigningKeyResponse> all() {
        return keys.all().stream().map(SigningKeyResponse::of).toList();
    }

    @Access(Audience.ORGANIZER)
    @PostMapping
    ResponseEntity<SigningKeyResponse> rotate() {
        return ResponseEntity.status(HttpStatus.CREATED).body(SigningKeyResponse.of(keys.rotate()));
    }

    @Access(Audience.ORGANIZER)
    @DeleteMapping("/{keyId}")
    SigningKeyResponse retire(@PathVariable String keyId) {
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new InvalidRequestException("keyId", "must be four hex digits");
        }
        return SigningKeyResponse.of(keys.retire(keyId));
    }
}
