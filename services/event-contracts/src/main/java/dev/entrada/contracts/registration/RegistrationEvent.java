package dev.entrada.contracts.registration;

import dev.entrada.contracts.DomainEvent;

/** Events of the registration aggregate, on {@code registration-events}, keyed by registration id. */
public sealed interface RegistrationEvent extends DomainEvent
        permits RegistrationConfirmed, RegistrationWaitlisted, RegistrationCorrected, RegistrationCancelled, AttendeeErased {

    String registrationId();

    String eventId();

    @Override
    default String partitionKey() {
        return registrationId();
    }
}
