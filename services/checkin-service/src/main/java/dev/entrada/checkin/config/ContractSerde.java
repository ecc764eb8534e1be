package dev.entrada.checkin.config;

import dev.entrada.contracts.catalog.EventPublished;
import dev.entrada.contracts.checkin.AttendeeCheckedIn;
import dev.entrada.contracts.checkin.AttendeeCheckedOut;
import dev.entrada.contracts.checkin.CheckInConflict;
import dev.entrada.contracts.checkin.CheckInRejected;
import dev.entrada.contracts.registration.AttendeeErased;
import dev.entrada.contracts.registration.RegistrationCancelled;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.registration.RegistrationCorrected;
import dev.entrada.contracts.registration.RegistrationWaitlisted;
import dev.entrada.contracts.signing.SigningKeyPublished;
import dev.entrada.contracts.signing.SigningKeyRetired;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.contracts.ticket.TicketRevoked;
import io.micronaut.serde.annotation.SerdeImport;

/** The contract records this service reads and writes; the contracts jar stays framework-free. */
@SerdeImport(EventPublished.class)
@SerdeImport(EventPublished.TicketType.class)
@SerdeImport(EventPublished.Session.class)
@SerdeImport(EventPublished.Checkpoint.class)
@SerdeImport(EventPublished.CheckpointKind.class)
@SerdeImport(SigningKeyPublished.class)
@SerdeImport(SigningKeyRetired.class)
@SerdeImport(TicketIssued.class)
@SerdeImport(TicketRevoked.class)
@SerdeImport(AttendeeCheckedIn.class)
@SerdeImport(CheckInRejected.class)
@SerdeImport(AttendeeCheckedOut.class)
@SerdeImport(CheckInConflict.class)
@SerdeImport(RegistrationConfirmed.class)
@SerdeImport(RegistrationWaitlisted.class)
@SerdeImport(RegistrationCorrected.class)
@SerdeImport(RegistrationCancelled.class)
@SerdeImport(AttendeeErased.class)
public final class ContractSerde {
    private ContractSerde() {
    }
}
