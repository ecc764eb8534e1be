package dev.entrada.reporting.export;

import dev.entrada.reporting.attendance.AttendanceReport;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The printable post-event summary: the numbers, the arrival curve and the breakdowns as bar charts,
 * drawn with PDFBox (no personal data: counts and organisation names only). Texts are Spanish, times
 * in the events' own time zone (all of them are in Spain).
 */
final class SummaryPdf {
    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d/M/yyyy HH:mm", Locale.forLanguageTag("es"));
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");
    private static final Color BRAND = new Color(0x0b, 0x4f, 0x8a);
    private static final Color OK = new Color(0x1e, 0x7b, 0x34);
    private static final Color LINE = new Color(0xd8, 0xdd, 0xe3);
    private static final float MARGIN = 50;
    private static final int MAX_BARS = 12;

    record Bar(String label, long value, long of) {
    }

    private final PDDocument document = new PDDocument();
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private PDPageContentStream out;
    private float y;

    static byte[] of(AttendanceReport r) {
        return new SummaryPdf().render(r);
    }

    private byte[] render(AttendanceReport r) {
        try (document) {
            newPage();
            text(bold, 18, MARGIN, y, r.name() == null ? r.eventId() : r.name());
            y -= 18;
            text(regular, 10, MARGIN, y, "Resumen de asistencia · " + r.eventId() + " · generado el "
                    + WHEN.format(r.generatedAt().atZone(MADRID)));
            y -= 30;
            numbers(r);
            arrivals(r);
            bars("Por punto de control", r.byCheckpoint().stream()
                    .map(c -> new Bar(c.checkpointId(), c.checkedIn(), r.checkedIn())).toList());
            bars("Por tipo de entrada (entraron / inscritos)", r.byTicketType().stream()
                    .map(t -> new Bar(or(t.ticketType()), t.checkedIn(), t.registered())).toList());
            bars("Por país (entraron / inscritos)", r.byCountry().stream()
                    .map(c -> new Bar(or(c.country()), c.checkedIn(), c.registered())).toList());
            bars("Por tipo de organización (entraron / inscritos)", r.byOrganizationKind().stream()
                    .map(k -> new Bar(or(k.organizationKind()), k.checkedIn(), k.registered())).toList());
            bars("Por sesión (entraron / inscritos)", r.bySession().stream()
                    .map(s -> new Bar(s.title() != null ? s.title() : s.sessionId(), s.checkedIn(), s.registered())).toList());
            bars("Organizaciones con más asistentes", r.byOrganization().stream()
                    .map(o -> new Bar(o.organization(), o.checkedIn(), o.registered())).toList());
            bars("Lecturas rechazadas por motivo", r.rejected().byReason().entrySet().stream()
                    .map(e -> new Bar(e.getKey(), e.getValue(), r.rejected().total())).toList());
            out.close();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void numbers(AttendanceReport r) throws IOException {
        List<String[]> cells = List.of(
                new String[] {"Inscritos", String.valueOf(r.registered())},
                new String[] {"Han entrado", String.valueOf(r.checkedIn())},
                new String[] {"Dentro ahora", String.valueOf(r.inside())},
                new String[] {"Aforo", r.capacity() == null ? "sin límite" : String.valueOf(r.capacity())},
                new String[] {"No presentados", String.valueOf(Math.max(0, r.registered() - r.checkedIn()))},
                new String[] {"Lista de espera", String.valueOf(r.waitlisted())},
                new String[] {"Cancelados", String.valueOf(r.cancelled())},
                new String[] {"Organizaciones", String.valueOf(r.organizationsPresent())},
                new String[] {"Rechazadas", String.valueOf(r.rejected().total())},
                new String[] {"Conflictos", String.valueOf(r.conflicts())});
        float width = (PDRectangle.A4.getWidth() - 2 * MARGIN) / 5;
        for (int i = 0; i < cells.size(); i++) {
            float x = MARGIN + (i % 5) * width;
            float top = y - (i / 5) * 48;
            text(bold, 20, x, top - 18, cells.get(i)[1]);
            text(regular, 9, x, top - 32, cells.get(i)[0]);
        }
        y -= 2 * 48 + 20;
    }

    /** Arrivals per 15 minutes as columns, with the cumulative total written above the chart. */
    private void arrivals(AttendanceReport r) throws IOException {
        List<AttendanceReport.Arrival> buckets = r.arrivals();
        heading("Llegadas por cuarto de hora");
        if (buckets.isEmpty()) {
            none();
            return;
        }
        float height = 120;
        float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
        room(height + 30);
        float base = y - height;
        long max = buckets.stream().mapToLong(AttendanceReport.Arrival::count).max().orElse(1);
        Instant first = buckets.get(0).at();
        Instant last = buckets.get(buckets.size() - 1).at();
        long slots = (last.getEpochSecond() - first.getEpochSecond()) / (15 * 60) + 1;
        float slot = width / Math.max(slots, 1);
        rule(MARGIN, base, MARGIN + width, base);
        out.setNonStrokingColor(BRAND);
        for (AttendanceReport.Arrival a : buckets) {
            long index = (a.at().getEpochSecond() - first.getEpochSecond()) / (15 * 60);
            float h = height * a.count() / max;
            out.addRect(MARGIN + index * slot + slot * 0.1f, base, Math.max(slot * 0.8f, 0.5f), h);
        }
        out.fill();
        out.setNonStrokingColor(Color.BLACK);
        text(regular, 8, MARGIN, base - 10, HOUR.format(first.atZone(MADRID)));
        String end = HOUR.format(last.plusSeconds(15 * 60).atZone(MADRID));
        text(regular, 8, MARGIN + width - regular.getStringWidth(end) / 1000 * 8, base - 10, end);
        text(regular, 8, MARGIN + width / 2 - 30, base - 10, "máximo " + max + " en 15 min");
        y = base - 30;
    }

    private void bars(String title, List<Bar> all) throws IOException {
        heading(title);
        List<Bar> bars = new ArrayList<>(all.subList(0, Math.min(all.size(), MAX_BARS)));
        if (bars.isEmpty()) {
            none();
            return;
        }
        long scale = Math.max(1, bars.stream().mapToLong(b -> Math.max(b.value(), b.of())).max().orElse(1));
        float labelWidth = 170;
        float width = PDRectangle.A4.getWidth() - 2 * MARGIN - labelWidth - 70;
        for (Bar bar : bars) {
            room(16);
            text(regular, 9, MARGIN, y - 10, clip(bar.label(), labelWidth - 8));
            float x = MARGIN + labelWidth;
            out.setNonStrokingColor(LINE);
            out.addRect(x, y - 11, width * bar.of() / scale, 10);
            out.fill();
            out.setNonStrokingColor(OK);
            out.addRect(x, y - 11, width * bar.value() / scale, 10);
            out.fill();
            out.setNonStrokingColor(Color.BLACK);
            text(regular, 9, x + width + 6, y - 10, bar.value() + " / " + bar.of());
            y -= 15;
        }
        y -= 12;
    }

    private void heading(String title) throws IOException {
        room(60);
        text(bold, 12, MARGIN, y - 12, title);
        y -= 22;
    }

    private void none() throws IOException {
        text(regular, 9, MARGIN, y - 10, "Nada registrado.");
        y -= 24;
    }

    private void room(float needed) throws IOException {
        if (y - needed < MARGIN) {
            out.close();
            newPage();
        }
    }

    private void newPage() throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        out = new PDPageContentStream(document, page);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private void rule(float x1, float y1, float x2, float y2) throws IOException {
        out.setStrokingColor(Color.GRAY);
        out.moveTo(x1, y1);
        out.lineTo(x2, y2);
        out.stroke();
    }

    private void text(PDType1Font font, float size, float x, float atY, String text) throws IOException {
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(x, atY);
        out.showText(printable(font, text));
        out.endText();
    }

    private String clip(String text, float width) throws IOException {
        String printable = printable(regular, text);
        while (printable.length() > 1 && regular.getStringWidth(printable) / 1000 * 9 > width) {
            printable = printable.substring(0, printable.length() - 2) + "…";
        }
        return printable;
    }

    /** Characters the standard fonts cannot draw (outside WinAnsi) become '?'. */
    private static String printable(PDType1Font font, String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(c -> {
            String s = new String(Character.toChars(c));
            try {
                font.encode(s);
                b.append(s);
            } catch (IOException | IllegalArgumentException e) {
                b.append('?');
            }
        });
        return b.toString();
    }

    private static String or(String value) {
        return value == null ? "(desconocido)" : value;
    }

    private SummaryPdf() {
    }
}
