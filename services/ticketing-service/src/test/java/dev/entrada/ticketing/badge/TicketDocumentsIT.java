package dev.entrada.ticketing.badge;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import dev.entrada.contracts.ContractFiles;
import dev.entrada.contracts.Topics;
import dev.entrada.contracts.registration.RegistrationConfirmed;
import dev.entrada.contracts.ticket.TicketIssued;
import dev.entrada.ticketing.TestCallers;
import dev.entrada.ticketing.TicketingServiceTestSupport;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Badge PDFs and the ticket e-mail as the embedded SMTP server received it. */
@TestPropertySource(properties = "entrada.mail.poll-interval=100ms")
class TicketDocumentsIT extends TicketingServiceTestSupport {
    private static final String EVENT_NAME_ES = "III Encuentro B2B Industrial de Castilla-La Mancha";
    private static final String EVENT_NAME_EN = "3rd Castilla-La Mancha B2B Industrial Meeting";

    /** A catalogue event of this test's own, so the all-badges PDF holds only this test's tickets. */
    private String eventId;

    @BeforeEach
    void publishEvent() {
        eventId = "docs-" + UUID.randomUUID().toString().substring(0, 8);
        publishTo(Topics.EVENT_CATALOG, eventId, "EventPublished", UUID.randomUUID().toString(),
                ContractFiles.sample("EventPublished").replace("b2b-industrial-2017", eventId));
    }

    @Test
    void aBadgeShowsNameOrganisationTicketTypeEventAndAQrThatDecodesToTheCode() throws Exception {
        RegistrationConfirmed lucia = registration("Lucía Fernández Ortega", "lucia@example.com", "es");
        String ticketId = issue(lucia);
        String code = read(text(get("/api/tickets/" + ticketId + "?token=" + SAMPLE_TOKEN))).get("code").asString();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<byte[]> badge = get("/api/tickets/" + ticketId + "/badge.pdf?token=" + SAMPLE_TOKEN);
            assertThat(badge.statusCode()).isEqualTo(200);
            assertThat(badge.headers().firstValue("Content-Type")).contains("application/pdf");
            try (PDDocument pdf = Loader.loadPDF(badge.body())) {
                assertThat(pdf.getNumberOfPages()).isEqualTo(1);
                PDRectangle size = pdf.getPage(0).getMediaBox();
                assertThat(size.getWidth()).isCloseTo(PDRectangle.A6.getWidth(), org.assertj.core.data.Offset.offset(0.5f));
                assertThat(size.getHeight()).isCloseTo(PDRectangle.A6.getHeight(), org.assertj.core.data.Offset.offset(0.5f));
                String text = new PDFTextStripper().getText(pdf);
                assertThat(text).contains("Lucía Fernández Ortega", "Metalúrgica La Mancha S.L.", "Empresa", EVENT_NAME_ES);
                BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(0, 200);
                assertThat(new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                        new BufferedImageLuminanceSource(page)))).getText()).isEqualTo(code);
            }
        });
        assertThat(get("/api/tickets/" + ticketId + "/badge.pdf?token=wrong").statusCode()).isEqualTo(404);
    }

    @Test
    void organisersGetEveryBadgeOfTheEventSortedByName() throws Exception {
        issue(registration("Zoe Williams", "zoe@example.com", "en"));
        issue(registration("Lucía Fernández", "lucia2@example.com", "es"));
        issue(registration("Ángel Barrios", "angel@example.com", "es"));

        assertThat(send("GET", "/api/tickets/badges.pdf?eventId=" + eventId, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/tickets/badges.pdf?eventId=" + eventId, "wrong").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/tickets/badges.pdf?eventId=" + eventId, TestCallers.staff(eventId)).statusCode()).isEqualTo(403);
        HttpResponse<byte[]> missing = send("GET", "/api/tickets/badges.pdf", TestCallers.organizer());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(read(text(missing)).get("errors").get(0).get("field").asString()).isEqualTo("eventId");

        HttpResponse<byte[]> all = send("GET", "/api/tickets/badges.pdf?eventId=" + eventId, TestCallers.organizer());
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type")).contains("application/pdf");
        try (PDDocument pdf = Loader.loadPDF(all.body())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(3);
            List<String> pages = new ArrayList<>();
            for (int page = 1; page <= 3; page++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                pages.add(stripper.getText(pdf));
            }
            assertThat(pages.get(0)).contains("Ángel Barrios");
            assertThat(pages.get(1)).contains("Lucía Fernández");
            assertThat(pages.get(2)).contains("Zoe Williams");
        }
    }

    @Test
    void theAttendeeGetsAMailInTheirLanguageWithTheQrTheBadgeAndACalendarEntry() {
        String ticketId = issue(registration("Zoe Williams", "zoe.williams@example.com", "en"));
        issue(registration("Ángel Barrios", "angel.barrios@example.com", "es"));

        assertThat(send("GET", "/api/mails", null).statusCode()).isEqualTo(401);
        JsonNode english = awaitMail("zoe.williams@example.com");
        assertThat(english.get("language").asString()).isEqualTo("en");
        assertThat(english.get("subject").asString()).isEqualTo("Your ticket: " + EVENT_NAME_EN);
        List<JsonNode> parts = new ArrayList<>();
        english.get("parts").forEach(parts::add);
        assertThat(parts).anySatisfy(p -> {
            assertThat(p.get("contentType").asString()).startsWith("text/plain");
            assertThat(p.get("text").asString()).contains("Hello Zoe Williams", "Show the QR code", ticketId);
        });
        assertThat(parts).anySatisfy(p -> {
            assertThat(p.get("contentType").asString()).startsWith("text/html");
            assertThat(p.get("text").asString()).contains("cid:qr");
        });
        assertThat(parts).anySatisfy(p -> {
            assertThat(p.get("contentType").asString()).startsWith("image/png");
            assertThat(p.get("contentId").asString()).isEqualTo("<qr>");
            assertThat(p.get("size").asInt()).isPositive();
        });
        assertThat(parts).anySatisfy(p -> {
            assertThat(p.get("contentType").asString()).startsWith("application/pdf");
            assertThat(p.get("filename").asString()).isEqualTo("badge.pdf");
            assertThat(p.get("disposition").asString()).isEqualTo("attachment");
        });
        assertThat(parts).anySatisfy(p -> {
            assertThat(p.get("contentType").asString()).startsWith("text/calendar");
            assertThat(p.get("filename").asString()).isEqualTo("event.ics");
            assertThat(p.get("text").asString()).contains("BEGIN:VEVENT", "DTSTART:20171123T083000Z",
                    "DTEND:20171123T180000Z", "SUMMARY:" + EVENT_NAME_EN, "LOCATION:Recinto Ferial de Tomelloso\\, Tomelloso");
        });
        assertThat(english.get("raw").asString()).contains("zoe.williams@example.com");

        JsonNode spanish = awaitMail("angel.barrios@example.com");
        assertThat(spanish.get("language").asString()).isEqualTo("es");
        assertThat(spanish.get("subject").asString()).isEqualTo("Tu entrada: " + EVENT_NAME_ES);
        assertThat(spanish.get("parts").toString()).contains("Hola, Ángel Barrios", "badge.pdf", "event.ics");
    }

    @Test
    void aBadMailIdIsNamedAndAnUnknownOneIsNotFound() {
        HttpResponse<byte[]> bad = send("GET", "/api/mails/abc", TestCallers.organizer());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(read(text(bad)).get("errors").get(0).get("field").asString()).isEqualTo("id");
        HttpResponse<byte[]> unknown = send("GET", "/api/mails/999999", TestCallers.organizer());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    /** The detail of the first mail to {@code recipient}. */
    private JsonNode awaitMail(String recipient) {
        int id = await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<byte[]> list = send("GET", "/api/mails", TestCallers.organizer());
            assertThat(list.statusCode()).isEqualTo(200);
            for (JsonNode mail : read(text(list))) {
                if (mail.get("to").toString().contains(recipient)) {
                    return Optional.of(mail.get("id").asInt());
                }
            }
            return Optional.<Integer>empty();
        }, Optional::isPresent).orElseThrow();
        HttpResponse<byte[]> detail = send("GET", "/api/mails/" + id, TestCallers.organizer());
        assertThat(detail.statusCode()).isEqualTo(200);
        return read(text(detail));
    }

    private RegistrationConfirmed registration(String fullName, String email, String locale) {
        RegistrationConfirmed s = confirmed(UUID.randomUUID().toString());
        return new RegistrationConfirmed(s.registrationId(), eventId, s.ticketType(), fullName, email, s.organization(),
                s.organizationKind(), s.jobTitle(), s.country(), locale, s.sessions(), s.accessTokenHash(), s.occurredAt());
    }

    private String issue(RegistrationConfirmed registration) {
        publish(registration, UUID.randomUUID().toString());
        return json.readValue(awaitTicketIssued(registration.registrationId()).value(), TicketIssued.class).ticketId();
    }
}
