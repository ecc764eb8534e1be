package dev.entrada.ticketing.badge;

import com.google.zxing.common.BitMatrix;
import dev.entrada.ticketing.qr.QrCodes;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Print-ready A6 badges: event name, holder's name, organisation, ticket type and the QR, drawn as
 * vector squares so it stays sharp at any printer resolution. One page per badge. Text is real text
 * (an embedded Unicode font), so it can be searched and extracted.
 */
public final class BadgePdf {
    /** What one badge shows; null texts are left out (e.g. after erasure). */
    public record Badge(String holderName, String organization, String ticketType, String eventName, String code) {
    }

    private static final PDRectangle PAGE = PDRectangle.A6;
    private static final float MARGIN = 18;
    private static final float MAX_QR = 190;
    /** Shipped inside PDFBox; covers Latin, Greek and Cyrillic. */
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final byte[] FONT_BYTES = readFont();

    public static byte[] render(List<Badge> badges, String title) {
        try (PDDocument document = new PDDocument()) {
            PDFont font = PDType0Font.load(document, new ByteArrayInputStream(FONT_BYTES));
            document.getDocumentInformation().setTitle(printable(font, title));
            for (Badge badge : badges) {
                page(document, font, badge);
            }
            if (badges.isEmpty()) {
                document.addPage(new PDPage(PAGE));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void page(PDDocument document, PDFont font, Badge badge) throws IOException {
        PDPage page = new PDPage(PAGE);
        document.addPage(page);
        float width = PAGE.getWidth();
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            float y = PAGE.getHeight() - MARGIN;
            y = paragraph(content, font, badge.eventName(), 11, y, 2);
            y -= 16;
            y = paragraph(content, font, badge.holderName(), 20, y, 3);
            y -= 4;
            y = paragraph(content, font, badge.organization(), 13, y, 2);
            y -= 8;
            y = paragraph(content, font, badge.ticketType(), 11, y, 1);
            BitMatrix modules = QrCodes.modules(badge.code());
            int count = modules.getWidth();
            float size = Math.min(MAX_QR, Math.min(width - 2 * MARGIN, y - 6 - MARGIN));
            float module = size / count;
            float left = (width - count * module) / 2;
            for (int row = 0; row < count; row++) {
                int x = 0;
                while (x < count) {
                    if (!modules.get(x, row)) {
                        x++;
                        continue;
                    }
                    int start = x;
                    while (x < count && modules.get(x, row)) {
                        x++;
                    }
                    content.addRect(left + start * module, MARGIN + (count - 1 - row) * module, (x - start) * module, module);
                }
            }
            content.fill();
        }
    }

    /** Centred lines below {@code top}; returns the y under the last one. Longer text is cut with an ellipsis. */
    private static float paragraph(PDPageContentStream content, PDFont font, String text, float size, float top,
                                   int maxLines) throws IOException {
        if (text == null || text.isBlank()) {
            return top;
        }
        float width = PAGE.getWidth() - 2 * MARGIN;
        List<String> lines = wrap(font, printable(font, text.strip()), size, width);
        if (lines.size() > maxLines) {
            lines = new ArrayList<>(lines.subList(0, maxLines));
            String last = lines.get(maxLines - 1);
            while (!last.isEmpty() && width(font, last + "…", size) > width) {
                last = last.substring(0, last.length() - 1);
            }
            lines.set(maxLines - 1, last + "…");
        }
        float y = top;
        for (String line : lines) {
            y -= size * 1.15f;
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset((PAGE.getWidth() - width(font, line, size)) / 2, y);
            content.showText(line);
            content.endText();
        }
        return y - size * 0.3f;
    }

    private static List<String> wrap(PDFont font, String text, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (width(font, candidate, size) <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            // A single word wider than the badge is broken wherever it has to be.
            for (int i = 0; i < word.length(); ) {
                int end = i + 1;
                while (end < word.length() && width(font, word.substring(i, end + 1), size) <= width) {
                    end++;
                }
                if (end < word.length()) {
                    lines.add(word.substring(i, end));
                } else {
                    line.append(word, i, end);
                }
                i = end;
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static float width(PDFont font, String text, float size) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    /** Characters the font cannot draw become {@code ?}; control characters become spaces. */
    static String printable(PDFont font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                out.append(' ');
                return;
            }
            String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                out.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    private static byte[] readFont() {
        try (InputStream in = BadgePdf.class.getResourceAsStream(FONT)) {
            if (in == null) {
                throw new IllegalStateException("font missing: " + FONT);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BadgePdf() {
    }
}
