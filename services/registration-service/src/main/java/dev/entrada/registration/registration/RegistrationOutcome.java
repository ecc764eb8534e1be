package dev.entrada.registration.registration;

import dev.entrada.registration.web.InvalidField;

import java.util.List;

/** Every way a registration attempt can end; the controller maps each to one HTTP answer. */
public sealed interface RegistrationOutcome {

    record Created(String registrationId, RegistrationStatus status, String accessToken) implements RegistrationOutcome {
    }

    /** The same e-mail is already registered for this event: its id and status, never its token. */
    record AlreadyRegistered(String registrationId, RegistrationStatus status) implements RegistrationOutcome {
    }

    record EventNotFound(String eventId) implements RegistrationOutcome {
    }

    record InvalidChoice(List<InvalidField> errors) implements RegistrationOutcome {
    }

    record RegistrationClosed() implements RegistrationOutcome {
    }

    record EventFull() implements RegistrationOutcome {
    }
}
