package dev.entrada.ticketing.ticket;

import dev.entrada.testing.PersonalDataSearch;
import dev.entrada.contracts.EventHeaders;
import dev.entrada.contracts.Topics;
import dev.entrada.contracts.registration.AttendeeErased;
import dev.entrada.contracts.registration.RegistrationCancelled;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.registration.RegistrationCorrected;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.ticketing.TicketingServiceTestSupport;
import dev.entrada.ticketing.mail.EmbeddedSmtpServer;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code AttendeeErased} end to end through the broker: afterwards no table (every text column of
 * every table, found in INFORMATION_SCHEMA) and not the embedded mail inbox holds the person's name,
 * organisation or e-mail, whichever order the cancellation and the erasure arrive in, and a
 * redelivered erasure or a late correction changes nothing.
 */
class AttendeeErasureIT extends TicketingServiceTestSupport {
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EmbeddedSmtpServer smtp;

    record Person(String registrationId, String fullName, String email, String organization, String correctedName) {
        static Person unique() {
            String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            return new Person(UUID.randomUUID().toString(), "Zoraida Quintanilla " + tag, "zq-" + tag + "@example.org",
                    "Cooperativa " + tag, "Zoraida Q. Ruiz " + tag);
        }

        String[] needles() {
            return new String[] {fullName, email, organization, correctedName};
        }
    }

    private RegistrationConfirmed confirmed(Person person) {
        RegistrationConfirmed sample = confirmed(person.registrationId());
        return new RegistrationConfirmed(person.registrationId(), sample.eventId(), sample.ticketType(), person.fullName(),
                person.email(), person.organization(), sample.organizationKind(), sample.jobTitle(), sample.country(),
                sample.locale(), sample.sessions(), sample.accessTokenHash(), Instant.now());
    }

    /** Confirmed, ticket mailed, then corrected (a second ticket with a second name), all published. */
    private String ticketedAndCorrected(Person person) {
        publish(confirmed(person), UUID.randomUUID().toString());
        awaitTicketIssued(person.registrationId());
        RegistrationConfirmed c = confirmed(person);
        publish(new RegistrationCorrected(person.registrationId(), c.eventId(), person.correctedName(), person.organization(),
                null, "ES", Instant.now()), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> ticketIssuedFor(person.registrationId()).size() == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(person.email()) >= 1);
        awaitOutboxPublished();
        return json.readValue(ticketIssuedFor(person.registrationId()).get(1).value(), TicketIssued.class).ticketId();
    }

    private void awaitOutboxPublished() {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.sql("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL").query(Long.class).single() == 0);
    }

    private long mailsTo(String email) {
        return smtp.received().stream().filter(m -> recipients(m).contains(email)).count();
    }

    private static String recipients(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            return to == null ? "" : Arrays.toString(to);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitProcessed(String eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.sql("SELECT COUNT(*) FROM processed_events WHERE event_id = ?").param(eventId).query(Long.class).single() == 1);
    }

    private String status(String ticketId) {
        return jdbc.sql("SELECT status FROM tickets WHERE ticket_id = ?").param(ticketId).query(String.class).single();
    }

    @Test
    void erasureAfterTheCancellationLeavesNothingAboutThePerson() {
        Person person = Person.unique();
        String ticketId = ticketedAndCorrected(person);
        assertThat(PersonalDataSearch.find(dataSource, person.needles()))
                .as("the search sees the person before (tickets, outbox)")
                .anySatisfy(hit -> assertThat(hit).startsWith("tickets.holder_name"))
                .anySatisfy(hit -> assertThat(hit).startsWith("outbox.payload"));

        publish(new RegistrationCancelled(person.registrationId(), "b2b-industrial-2017", "ATTENDEE", Instant.now()), UUID.randomUUID().toString());
        String erasure = UUID.randomUUID().toString();
        publish(new AttendeeErased(person.registrationId(), "b2b-industrial-2017", AttendeeErased.REQUEST_BY_ATTENDEE, Instant.now()), erasure);
        awaitProcessed(erasure);

        assertThat(status(ticketId)).isEqualTo("REVOKED");
        assertThat(PersonalDataSearch.find(dataSource, person.needles())).as("every text column of every table").isEmpty();
        assertThat(mailsTo(person.email())).as("the embedded inbox").isZero();
        assertThat(recordsOn(Topics.TICKET_EVENTS)).filteredOn(r -> ticketId.equals(r.key())
                && "TicketRevoked".equals(header(r, EventHeaders.EVENT_TYPE))).hasSize(1);
    }

    @Test
    void erasureBeforeTheCancellationAlsoLeavesNothingAndTheTicketIsStillRevoked() {
        Person person = Person.unique();
        String ticketId = ticketedAndCorrected(person);

        publish(new AttendeeErased(person.registrationId(), "b2b-industrial-2017", AttendeeErased.REQUEST_BY_ORGANIZER, Instant.now()),
                UUID.randomUUID().toString());
        String cancellation = UUID.randomUUID().toString();
        publish(new RegistrationCancelled(person.registrationId(), "b2b-industrial-2017", "ORGANIZER", Instant.now()), cancellation);
        awaitProcessed(cancellation);
        awaitOutboxPublished();

        assertThat(status(ticketId)).isEqualTo("REVOKED");
        assertThat(PersonalDataSearch.find(dataSource, person.needles())).isEmpty();
        assertThat(mailsTo(person.email())).isZero();
    }

    @Test
    void aRedeliveredErasureAndALateCorrectionChangeNothing() {
        Person person = Person.unique();
        String ticketId = ticketedAndCorrected(person);
        AttendeeErased erased = new AttendeeErased(person.registrationId(), "b2b-industrial-2017", AttendeeErased.RETENTION, Instant.now());
        String erasure = UUID.randomUUID().toString();
        publish(erased, erasure);
        awaitProcessed(erasure);
        // retention after the event: the ticket stays valid, without a name
        assertThat(status(ticketId)).isEqualTo("ISSUED");
        assertThat(PersonalDataSearch.find(dataSource, person.needles())).isEmpty();
        long outboxRows = jdbc.sql("SELECT COUNT(*) FROM outbox").query(Long.class).single();
        Object erasedAt = jdbc.sql("SELECT erased_at FROM tickets WHERE ticket_id = ?").param(ticketId).query().singleValue();

        publish(erased, erasure); // the same record again
        publish(erased, UUID.randomUUID().toString()); // a second erasure of the same person
        String correction = UUID.randomUUID().toString();
        publish(new RegistrationCorrected(person.registrationId(), "b2b-industrial-2017", person.fullName(), person.organization(),
                null, "ES", Instant.now()), correction);
        awaitProcessed(correction);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox").query(Long.class).single()).as("no TicketIssued with the name").isEqualTo(outboxRows);
        assertThat(ticketIssuedFor(person.registrationId())).hasSize(2);
        assertThat(jdbc.sql("SELECT erased_at FROM tickets WHERE ticket_id = ?").param(ticketId).query().singleValue()).isEqualTo(erasedAt);
        assertThat(status(ticketId)).isEqualTo("ISSUED");
        assertThat(PersonalDataSearch.find(dataSource, person.needles())).isEmpty();
    }
}
