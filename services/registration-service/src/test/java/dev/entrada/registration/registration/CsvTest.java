package dev.entrada.registration.registration;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvTest {

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaksAndLinesAreCounted() {
        String text = "\uFEFFfullName,organization\r\n"
                + "Lucía,\"Metalúrgica La Mancha, S.L.\"\r\n"
                + "\r\n"
                + "\"Mateo \"\"Teo\"\" Rojas\",\"Cámara\nde Lima\"\n"
                + "Ana,";

        List<Csv.Row> rows = Csv.parse(text);

        assertThat(rows).containsExactly(
                new Csv.Row(1, List.of("fullName", "organization")),
                new Csv.Row(2, List.of("Lucía", "Metalúrgica La Mancha, S.L.")),
                new Csv.Row(4, List.of("Mateo \"Teo\" Rojas", "Cámara\nde Lima")),
                new Csv.Row(6, List.of("Ana", "")));
    }

    @Test
    void brokenQuotingNamesItsLine() {
        assertThatThrownBy(() -> Csv.parse("a,b\n\"open,b\n"))
                .isInstanceOfSatisfying(Csv.MalformedCsvException.class, e -> assertThat(e.line()).isEqualTo(2));
        assertThatThrownBy(() -> Csv.parse("a,b\nx,\"y\"z\n"))
                .isInstanceOfSatisfying(Csv.MalformedCsvException.class, e -> assertThat(e.line()).isEqualTo(2));
    }
}
