package dev.entrada.reporting.messaging;

import dev.entrada.contracts.catalog.EventPublished;
import dev.entrada.contracts.checkin.AttendeeCheckedIn;
import dev.entrada.contracts.checkin.AttendeeCheckedOut;
import dev.entrada.contracts.checkin.CheckInConflict;
import dev.entrada.contracts.checkin.CheckInRejected;
import dev.entrada.contracts.registration.AttendeeErased;
import dev.entrada.contracts.registration.RegistrationCancelled;
import dev.entrada.contracts.registration.RegistrationCorrected;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.registration.RegistrationWaitlisted;
import dev.entrada.contracts.signing.SigningKeyPublished;
import dev.entrada.contracts.signing.SigningKeyRetired;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.contracts.ticket.TicketRevoked;
import io.micronaut.serde.annotation.SerdeImport;

/**
 * Lets Micronaut Serialization read and write the contract records, which stay free of Micronaut
 * annotations because the Spring Boot services share them.
 */
@SerdeImport(EventPublished.class)
@SerdeImport(EventPublished.TicketType.class)
@SerdeImport(EventPublished.Session.class)
@SerdeImport(EventPublished.Checkpoint.class)
@SerdeImport(EventPublished.CheckpointKind.class)
@SerdeImport(RegistrationConfirmed.class)
@SerdeImport(RegistrationWaitlisted.class)
@SerdeImport(RegistrationCorrected.class)
@SerdeImport(RegistrationCancelled.class)
@SerdeImport(AttendeeErased.class)
@SerdeImport(TicketIssued.class)
@SerdeImport(TicketRevoked.class)
@SerdeImport(SigningKeyPublished.class)
@SerdeImport(SigningKeyRetired.class)
@SerdeImport(AttendeeCheckedIn.class)
@SerdeImport(AttendeeCheckedOut.class)
@SerdeImport(CheckInRejected.class)
@SerdeImport(CheckInConflict.class)
final class ContractSerde {

    private ContractSerde() {
    }
}
