package dev.entrada.ticketing.badge;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BadgePdfTest {
    private static final String CODE = "A".repeat(143);

    @Test
    void charactersTheFontLacksBecomeQuestionMarksInsteadOfFailingTheBadge() throws Exception {
        byte[] pdf = BadgePdf.render(List.of(new BadgePdf.Badge("Łukasz Żółć 山田", "Ωmega ООО\tLtd", "Empresa",
                "Telecom Night", CODE)), "Telecom Night");

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Łukasz Żółć ??", "Ωmega ООО Ltd", "Empresa", "Telecom Night");
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Telecom Night");
        }
    }

    @Test
    void aVeryLongNameIsWrappedAndCutWithAnEllipsis() throws Exception {
        String longName = "María de los Ángeles " + "Fernández-Castellanos ".repeat(12);
        byte[] pdf = BadgePdf.render(List.of(new BadgePdf.Badge(longName, null, "Empresa", "Evento", CODE)), "Evento");

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("María de los Ángeles", "…");
            assertThat(text).doesNotContain("null");
        }
    }
}
