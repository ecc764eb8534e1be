package dev.entrada.ticketing.mail;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class IcsTest {

    @Test
    void textIsEscapedAndLongLinesAreFoldedWithinSeventyFiveOctets() {
        String ics = Ics.event("t-1@entrada", Instant.parse("2017-11-23T08:30:00Z"), Instant.parse("2017-11-23T18:00:00Z"),
                "Encuentro; B2B, Industrial", "Recinto Ferial, Tomelloso",
                "Entrada " + "ñ".repeat(100), Instant.parse("2017-11-02T10:15:30.123Z"));

        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(ics).contains("DTSTART:20171123T083000Z\r\n", "DTEND:20171123T180000Z\r\n", "DTSTAMP:20171102T101530Z\r\n",
                "SUMMARY:Encuentro\\; B2B\\, Industrial\r\n", "LOCATION:Recinto Ferial\\, Tomelloso\r\n");
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        assertThat(ics.replace("\r\n ", "")).contains("DESCRIPTION:Entrada " + "ñ".repeat(100) + "\r\n");
    }

    @Test
    void anEventWithoutAnEndLastsAnHour() {
        String ics = Ics.event("t-2@entrada", Instant.parse("2017-11-17T18:00:00Z"), null, "Gala", null, null,
                Instant.parse("2017-11-02T10:15:30Z"));
        assertThat(ics).contains("DTEND:20171117T190000Z\r\n").doesNotContain("LOCATION");
    }
}
