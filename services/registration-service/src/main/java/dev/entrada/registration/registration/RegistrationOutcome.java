package dev.entrada.registration.registration;

import dev.entrada.registration.web.InvalidField;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Every way a registration attempt can end; the controller maps each to one HTTP answer. */
public sealed interface RegistrationOutcome {

    record Created(String registrationId, RegistrationStatus status, String accessToken) implements RegistrationOutcome {
    }

    /** The same e-mail is already registered for this event: its id and status, never its token. */
    record AlreadyRegistered(String registrationId, RegistrationStatus status) implements RegistrationOutcome {
    }

    /** A retry with an Idempotency-Key already answered: the first answer again. */
    record Replayed(int httpStatus, String body) implements RegistrationOutcome {
    }

    /** An Idempotency-Key already used with a different body. */
    record KeyReused() implements RegistrationOutcome {
    }

    record EventNotFound(String eventId) implements RegistrationOutcome {
    }

    record InvalidChoice(List<InvalidField> errors) implements RegistrationOutcome {
    }

    /** Outside the registration window: {@code opensAt} when it is not open yet, else {@code closedAt}. */
    record RegistrationClosed(Instant opensAt, Instant closedAt) implements RegistrationOutcome {
    }

    record EventFull() implements RegistrationOutcome {
    }

    /** This e-mail address used up its attempts ({@link RegistrationAttempts}); it may try again after {@code retryAfter}. */
    record TooManyAttempts(Duration retryAfter) implements RegistrationOutcome {
    }
}
