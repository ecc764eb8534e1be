package dev.entrada.ticketing.mail;

import dev.entrada.ticketing.badge.Badges;
import dev.entrada.ticketing.catalog.CatalogRepository;
import dev.entrada.ticketing.catalog.EventInfo;
import dev.entrada.ticketing.qr.QrCodes;
import dev.entrada.ticketing.ticket.Ticket;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * The ticket e-mail, in the attendee's language (Spanish or English): the QR inline, the badge PDF
 * and an {@code .ics} calendar entry (when the catalogue says when the event is). Attendee data is
 * HTML-escaped in the HTML part.
 */
@Component
class TicketMails {
    static final String QR_CONTENT_ID = "qr";
    static final String BADGE_FILE = "badge.pdf";
    static final String CALENDAR_FILE = "event.ics";

    private final JavaMailSender sender;
    private final Badges badges;
    private final CatalogRepository catalog;
    private final MailProperties properties;
    private final Clock clock;

    TicketMails(JavaMailSender sender, Badges badges, CatalogRepository catalog, MailProperties properties, Clock clock) {
        this.sender = sender;
        this.badges = badges;
        this.catalog = catalog;
        this.properties = properties;
        this.clock = clock;
    }

    MimeMessage compose(Ticket ticket) throws MessagingException {
        Locale locale = Badges.locale(ticket);
        boolean english = "en".equals(locale.getLanguage());
        Optional<EventInfo> event = catalog.find(ticket.eventId());
        String eventName = event.map(e -> e.name(locale)).orElse(ticket.eventId());

        String subject = english ? "Your ticket: " + eventName : "Tu entrada: " + eventName;
        String greeting = english ? "Hello " + ticket.holderName() + "," : "Hola, " + ticket.holderName() + ":";
        String ready = english
                ? "Your ticket for " + eventName + " is ready. Show the QR code at the door, on your phone or printed."
                : "Tu entrada para " + eventName + " está lista. Enseña el código QR en la puerta, en el móvil o impreso.";
        String attached = english
                ? "Your badge (PDF, A6) and a calendar entry are attached."
                : "Adjuntamos tu acreditación (PDF, A6) y una cita para tu calendario.";
        String ticketType = event.map(e -> e.ticketTypeName(ticket.ticketType())).orElse(ticket.ticketType());
        String reference = (english ? "Ticket " : "Entrada ") + ticket.ticketId() + " · " + ticketType;

        String plain = greeting + "\n\n" + ready + "\n" + attached + "\n\n" + reference + "\n";
        String html = "<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><body style=\"font-family:sans-serif\">"
                + "<p>" + HtmlUtils.htmlEscape(greeting) + "</p>"
                + "<p>" + HtmlUtils.htmlEscape(ready) + "</p>"
                + "<p><img src=\"cid:" + QR_CONTENT_ID + "\" width=\"300\" height=\"300\" alt=\"QR\"></p>"
                + "<p>" + HtmlUtils.htmlEscape(attached) + "</p>"
                + "<p style=\"color:#555\">" + HtmlUtils.htmlEscape(reference) + "</p></body></html>";

        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
                StandardCharsets.UTF_8.name());
        helper.setFrom(properties.from());
        helper.setTo(ticket.email());
        helper.setSubject(subject);
        helper.setText(plain, html);
        helper.addInline(QR_CONTENT_ID, new ByteArrayResource(QrCodes.png(ticket.code())), "image/png");
        helper.addAttachment(BADGE_FILE, new ByteArrayResource(badges.badge(ticket)), "application/pdf");
        if (event.isPresent() && event.get().startsAt() != null) {
            EventInfo e = event.get();
            String location = e.venue() == null ? e.city() : e.city() == null ? e.venue() : e.venue() + ", " + e.city();
            String ics = Ics.event(ticket.ticketId() + "@entrada", e.startsAt(), e.endsAt(), eventName, location,
                    reference, clock.instant());
            helper.addAttachment(CALENDAR_FILE, new ByteArrayResource(ics.getBytes(StandardCharsets.UTF_8)),
                    "text/calendar; charset=UTF-8; method=PUBLISH");
        }
        message.setHeader("Content-Language", locale.getLanguage());
        return message;
    }
}
