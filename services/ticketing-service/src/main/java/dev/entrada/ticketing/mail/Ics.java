package dev.entrada.ticketing.mail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** A one-event iCalendar file (RFC 5545), times in UTC. */
final class Ics {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_LINE_OCTETS = 75;

    static String event(String uid, Instant start, Instant end, String summary, String location, String description,
                        Instant stamp) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Entrada//ticketing-service//EN");
        line(out, "METHOD:PUBLISH");
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + text(uid));
        line(out, "DTSTAMP:" + UTC.format(stamp.truncatedTo(ChronoUnit.SECONDS)));
        line(out, "DTSTART:" + UTC.format(start));
        line(out, "DTEND:" + UTC.format(end != null && end.isAfter(start) ? end : start.plus(1, ChronoUnit.HOURS)));
        line(out, "SUMMARY:" + text(summary));
        if (location != null && !location.isBlank()) {
            line(out, "LOCATION:" + text(location));
        }
        if (description != null && !description.isBlank()) {
            line(out, "DESCRIPTION:" + text(description));
        }
        line(out, "END:VEVENT");
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    /** Escapes what RFC 5545 TEXT values reserve. */
    private static String text(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    /** Lines end in CRLF and are folded after 75 octets without splitting a character. */
    private static void line(StringBuilder out, String content) {
        int octets = 0;
        int i = 0;
        while (i < content.length()) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > MAX_LINE_OCTETS) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }

    private Ics() {
    }
}
