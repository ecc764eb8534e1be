package dev.entrada.contracts.code;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TicketCodeTest {
    private static final KeyPair KEYS = Ed25519Keys.generate();
    private static final UUID TICKET = UUID.fromString("3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a");

    @Test
    void signedCodeReadsBackWithItsClaimsAndVerifies() throws Exception {
        String code = TicketCode.sign(TICKET, "b2b-industrial-2017", "COMPANY", "1A2B", null, null, KEYS.getPrivate());

        TicketCode.Parsed parsed = TicketCode.parse(code);

        assertThat(code).hasSize(143).matches("[A-Z2-7]+");
        assertThat(parsed.claims().ticketId()).isEqualTo(TICKET);
        assertThat(parsed.claims().isForEvent("b2b-industrial-2017")).isTrue();
        assertThat(parsed.claims().isForEvent("telecom-night-2017")).isFalse();
        assertThat(parsed.claims().isOfType("COMPANY")).isTrue();
        assertThat(parsed.claims().keyIdText()).isEqualTo("1A2B");
        assertThat(parsed.claims().hasWindow()).isFalse();
        assertThat(parsed.isSignedBy(KEYS.getPublic())).isTrue();
    }

    @Test
    void aCodeSignedWithAnotherKeyDoesNotVerify() throws Exception {
        String code = TicketCode.sign(TICKET, "b2b-industrial-2017", "COMPANY", "1A2B", null, null, Ed25519Keys.generate().getPrivate());

        assertThat(TicketCode.parse(code).isSignedBy(KEYS.getPublic())).isFalse();
    }

    @Test
    void everySingleCharacterChangeIsCaught() throws Exception {
        String code = TicketCode.sign(TICKET, "b2b-industrial-2017", "COMPANY", "1A2B", null, null, KEYS.getPrivate());
        for (int i = 0; i < code.length(); i++) {
            char replacement = code.charAt(i) == 'A' ? 'B' : 'A';
            String forged = code.substring(0, i) + replacement + code.substring(i + 1);
            boolean accepted;
            try {
                accepted = TicketCode.parse(forged).isSignedBy(KEYS.getPublic());
            } catch (TicketCode.MalformedCodeException e) {
                accepted = false;
            }
            assertThat(accepted).as("code with character %d changed", i).isFalse();
        }
    }

    @Test
    void validityWindowTravelsInTheCodeAtMinutePrecision() throws Exception {
        Instant from = Instant.parse("2017-11-23T08:00:00Z");
        Instant until = Instant.parse("2017-11-23T20:00:00Z");
        String code = TicketCode.sign(TICKET, "b2b-industrial-2017", "COMPANY", "00FF", from, until, KEYS.getPrivate());

        TicketCode.Claims claims = TicketCode.parse(code).claims();

        assertThat(code).hasSize(152);
        assertThat(claims.validFrom()).isEqualTo(from);
        assertThat(claims.validUntil()).isEqualTo(until);
        assertThat(claims.isValidAt(Instant.parse("2017-11-23T12:00:00Z"))).isTrue();
        assertThat(claims.isValidAt(Instant.parse("2017-11-23T20:00:00Z"))).isFalse();
        assertThat(claims.isValidAt(Instant.parse("2017-11-22T12:00:00Z"))).isFalse();
    }

    @Test
    void garbageIsMalformedNotAnError() {
        for (String garbage : new String[]{"", "   ", "hello world", "ABC", "https://example.com/?t=1", "A".repeat(500)}) {
            assertThatThrownBy(() -> TicketCode.parse(garbage)).isInstanceOf(TicketCode.MalformedCodeException.class);
        }
    }

    @Test
    void base32RoundTripsAndRefusesNonCanonicalTails() {
        byte[] data = {0, 1, 2, (byte) 0xff, 42};
        assertThat(Base32.decode(Base32.encode(data))).isEqualTo(data);
        String encoded = Base32.encode(new byte[]{(byte) 0x80});
        assertThat(encoded).isEqualTo("QA");
        assertThatThrownBy(() -> Base32.decode("QB")).isInstanceOf(IllegalArgumentException.class);
    }
}
