package dev.entrada.reporting.export;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

    @Test
    void cellsThatASpreadsheetWouldRunAsFormulasStartWithAnApostrophe() {
        assertThat(Csv.cell("=SUM(A1:A9)")).isEqualTo("\"'=SUM(A1:A9)\"");
        assertThat(Csv.cell("+34 600 000 000")).isEqualTo("\"'+34 600 000 000\"");
        assertThat(Csv.cell("-2+3")).isEqualTo("\"'-2+3\"");
        assertThat(Csv.cell("@cmd")).isEqualTo("\"'@cmd\"");
        assertThat(Csv.cell("\t=1")).isEqualTo("\"'\t=1\"");
        assertThat(Csv.cell("Ana = Luis")).as("only a leading sign is dangerous").isEqualTo("\"Ana = Luis\"");
    }

    @Test
    void quotesEveryCellDoublesQuotesAndEndsRowsWithCrLf() {
        String csv = new Csv().row(List.of("name", "count")).row(Arrays.asList("Luis \"Lucho\", Pérez", null)).toString();
        assertThat(csv).isEqualTo(Csv.BOM + "\"name\",\"count\"\r\n\"Luis \"\"Lucho\"\", Pérez\",\"\"\r\n");
    }
}
