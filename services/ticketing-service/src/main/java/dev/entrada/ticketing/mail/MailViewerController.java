package dev.entrada.ticketing.mail;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.entrada.identity.Access;
import dev.entrada.identity.Access.Audience;
import dev.entrada.ticketing.web.ApiProblem;
import dev.entrada.ticketing.web.InvalidRequestException;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Organisers and developers read what the embedded SMTP server received (embedded default only;
 * with a real SMTP server configured these answer 404). Ids are positions, 1 = the oldest mail.
 */
@Access(Audience.ORGANIZER)
@RestController
@RequestMapping("/api/mails")
class MailViewerController {
    private static final String PRIVATE_NO_STORE = "private, no-store";
    private static final int MAX_TEXT = 100_000;

    record MailSummary(int id, String from, List<String> to, String subject, String language, Instant sentAt) {
    }

    /** {@code text} only for text parts; {@code size} in decoded bytes. */
    record MailPart(String contentType, String disposition, String filename, String contentId, int size, String text) {
    }

    record MailDetail(int id, String from, List<String> to, String subject, String language, Instant sentAt,
                      List<MailPart> parts, String raw) {
    }

    private final EmbeddedSmtpServer smtp;

    MailViewerController(EmbeddedSmtpServer smtp) {
        this.smtp = smtp;
    }

    @GetMapping
    ResponseEntity<List<MailSummary>> all() throws MessagingException {
        List<MimeMessage> received = received();
        List<MailSummary> summaries = new ArrayList<>();
        for (int i = 0; i < received.size(); i++) {
            MimeMessage m = received.get(i);
            summaries.add(new MailSummary(i + 1, from(m), to(m), m.getSubject(), m.getHeader("Content-Language", ","), sentAt(m)));
        }
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, PRIVATE_NO_STORE).body(summaries);
    }

    @GetMapping("/{id}")
    ResponseEntity<MailDetail> one(@PathVariable String id) throws MessagingException, IOException {
        List<MimeMessage> received = received();
        if (!id.matches("[0-9]{1,9}")) {
            throw new InvalidRequestException("id", "must be a positive whole number");
        }
        int index = Integer.parseInt(id);
        if (index < 1 || index > received.size()) {
            throw ApiProblem.notFound("mail-not-found", "Mail not found", "No mail " + id + ".");
        }
        MimeMessage m = received.get(index - 1);
        List<MailPart> parts = new ArrayList<>();
        collect(m, parts);
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, PRIVATE_NO_STORE).body(new MailDetail(index, from(m), to(m),
                m.getSubject(), m.getHeader("Content-Language", ","), sentAt(m), parts, GreenMailUtil.getWholeMessage(m)));
    }

    private List<MimeMessage> received() {
        if (!smtp.running()) {
            throw ApiProblem.notFound("mail-viewer-off", "No embedded mail server",
                    "Mails go to the configured SMTP server; there is nothing to show here.");
        }
        return smtp.received();
    }

    private static void collect(Part part, List<MailPart> parts) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), parts);
            }
            return;
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        }
        String text = null;
        if (part.isMimeType("text/*")) {
            text = content instanceof String s ? s : new String(bytes, StandardCharsets.UTF_8);
            text = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        }
        String contentId = part instanceof MimePart mime ? mime.getContentID() : null;
        parts.add(new MailPart(part.getContentType().replaceAll("\\s+", " "), part.getDisposition(), part.getFileName(), contentId, bytes.length, text));
    }

    private static String from(MimeMessage m) throws MessagingException {
        Address[] from = m.getFrom();
        return from == null || from.length == 0 ? null : from[0].toString();
    }

    private static List<String> to(MimeMessage m) throws MessagingException {
        Address[] to = m.getAllRecipients();
        return to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList();
    }

    private static Instant sentAt(MimeMessage m) throws MessagingException {
        return m.getSentDate() == null ? null : m.getSentDate().toInstant();
    }
}
