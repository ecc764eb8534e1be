package dev.entrada.reporting.export;

import dev.entrada.reporting.attendance.AttendanceReport;
import dev.entrada.reporting.attendance.AttendanceReport.Arrival;
import dev.entrada.reporting.attendance.AttendanceReport.CheckpointLine;
import dev.entrada.reporting.attendance.AttendanceReport.CountryLine;
import dev.entrada.reporting.attendance.AttendanceReport.KindLine;
import dev.entrada.reporting.attendance.AttendanceReport.OrganizationLine;
import dev.entrada.reporting.attendance.AttendanceReport.SessionLine;
import dev.entrada.reporting.attendance.AttendanceReport.TicketTypeLine;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryPdfTest {
    private static final Instant T0 = Instant.parse("2017-11-23T08:00:00Z");

    @Test
    void theSummaryHoldsTheNumbersAndTheBreakdownsAndSpansPagesWhenLong() throws Exception {
        List<OrganizationLine> organizations = new ArrayList<>();
        IntStream.range(0, 40).forEach(i -> organizations.add(new OrganizationLine("Empresa " + i, 2, 1)));
        AttendanceReport report = new AttendanceReport("b2b-industrial-2017", "III Encuentro B2B Industrial de Castilla-La Mancha",
                310, 290, 4, 6, 251, 240,
                List.of(new TicketTypeLine("COMPANY", 250, 220), new TicketTypeLine("DELEGATION", 40, 31)),
                List.of(new CheckpointLine("entrance", 251), new CheckpointLine("b2b-area", 180)),
                List.of(new CountryLine("ES", 260, 230), new CountryLine("MX", 12, 10), new CountryLine("PE", 8, 6)),
                List.of(new Arrival(T0, 40), new Arrival(T0.plusSeconds(900), 120), new Arrival(T0.plusSeconds(3600), 91)),
                new AttendanceReport.Rejected(7, Map.of("REVOKED", 2L, "MALFORMED", 5L)), 1, T0,
                List.of(new KindLine("COMPANY", 200, 180), new KindLine("UNIVERSITY", 90, 71)),
                List.of(new SessionLine("clusterfy", "ClusterFY: clústeres de innovación", "Sala 1", 80, 70, 64)),
                List.of(new Arrival(T0, 40)), 38, organizations, List.of(), List.of(), List.of(), T0.plusSeconds(36000));

        byte[] pdf = SummaryPdf.of(report);

        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("III Encuentro B2B Industrial de Castilla-La Mancha", "Inscritos", "290", "Han entrado", "251",
                    "Dentro ahora", "240", "Aforo", "310", "No presentados", "39", "Llegadas por cuarto de hora",
                    "ClusterFY: clústeres de innovación", "64 / 70", "MALFORMED", "Empresa 0");
            assertThat(document.getNumberOfPages()).as("long lists continue on a new page").isGreaterThan(1);
        }
    }
}
