package dev.entrada.contracts.code;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

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

    /** A key pair and two codes as the JDK's Signature("Ed25519") issued them, before BouncyCastle signed and verified. */
    private static final String ISSUED_PUBLIC = "MCowBQYDK2VwAyEA3MVp0t5TPLTaJs/tbMB+vg5J4RQU6v0i3vReBcw78DM=";
    private static final String ISSUED_PRIVATE = "MC4CAQAwBQYDK2VwBCIEIIesoGwwxv5w6x2o4H4FVflJhBXydZgporwtcWObv+B5";
    private static final String ISSUED_CODE = "CANCWPBLDIEY67SNNSNVUTZ6FUOAXGVXSPF3BCYGSXNDO6FDMGKMU6VD2ZYSRM3TROLFJDKNNZOI62LSMYA42KNVXYUTGTFCS62C5ZY4BFA67GBRISOBIFE422HDMQWYMXOI2SQML35PUBY";
    private static final String ISSUED_WINDOW_CODE = "CEAP6PBLDIEY67SNNSNVUTZ6FUOAXGVXSPF3BCYGAGAGAAAC2DK6AN235D62MIOEI552ESBLI3AGT2PDM5HSKGDOQVK2VYJIQ2SRVDARQMNFPS2PZKPT6RS4ZN6DHTYKTQ62HBLC5M4FBUK6ZEYE7LYL";

    @Test
    void ticketsIssuedBeforeStillVerifyAndAreSignedAgainByteForByte() throws Exception {
        assertThat(TicketCode.parse(ISSUED_CODE).isSignedBy(Ed25519Keys.publicKey(ISSUED_PUBLIC))).isTrue();
        assertThat(TicketCode.parse(ISSUED_WINDOW_CODE).isSignedBy(Ed25519Keys.publicKey(ISSUED_PUBLIC))).isTrue();
        assertThat(TicketCode.parse(ISSUED_CODE).isSignedBy(KEYS.getPublic())).isFalse();
        // Ed25519 is deterministic: the stored private key signs the same claims into the same code.
        assertThat(TicketCode.sign(TICKET, "b2b-industrial-2017", "COMPANY", "1A2B", null, null,
                Ed25519Keys.privateKey(ISSUED_PRIVATE))).isEqualTo(ISSUED_CODE);
        assertThat(TicketCode.sign(TICKET, "b2b-industrial-2017", "COMPANY", "00FF", Instant.parse("2017-11-23T08:00:00Z"),
                Instant.parse("2017-11-23T20:00:00Z"), Ed25519Keys.privateKey(ISSUED_PRIVATE))).isEqualTo(ISSUED_WINDOW_CODE);
    }

    @Test
    void theJdksEd25519AndTicketCodeAgreeBothWays() throws Exception {
        for (int i = 0; i < 20; i++) {
            KeyPair keys = Ed25519Keys.generate();
            UUID ticket = UUID.randomUUID();
            String code = TicketCode.sign(ticket, "telecom-night-2017", "GALA", "0A3F", null, null, keys.getPrivate());
            byte[] all = Base32.decode(code);
            byte[] body = Arrays.copyOf(all, all.length - 64);
            byte[] signature = Arrays.copyOfRange(all, all.length - 64, all.length);

            Signature jdkVerifier = Signature.getInstance("Ed25519");
            jdkVerifier.initVerify(keys.getPublic());
            jdkVerifier.update(body);
            assertThat(jdkVerifier.verify(signature)).as("the JDK verifies a code TicketCode signed").isTrue();

            Signature jdkSigner = Signature.getInstance("Ed25519");
            jdkSigner.initSign(keys.getPrivate());
            jdkSigner.update(body);
            byte[] jdkSignature = jdkSigner.sign();
            assertThat(jdkSignature).as("same signature as the JDK's").isEqualTo(signature);
            byte[] jdkAll = Arrays.copyOf(body, body.length + 64);
            System.arraycopy(jdkSignature, 0, jdkAll, body.length, 64);
            assertThat(TicketCode.parse(Base32.encode(jdkAll)).isSignedBy(keys.getPublic()))
                    .as("TicketCode verifies a code the JDK signed").isTrue();
        }
    }

    @Test
    void keysReadBackFromTheirStoredTextSignAndVerify() throws Exception {
        String code = TicketCode.sign(TICKET, "b2b-industrial-2017", "COMPANY", "1A2B", null, null,
                Ed25519Keys.privateKey(Ed25519Keys.privateKeyText(KEYS.getPrivate())));

        assertThat(TicketCode.parse(code).isSignedBy(Ed25519Keys.publicKey(Ed25519Keys.publicKeyText(KEYS.getPublic())))).isTrue();
        assertThat(Ed25519Keys.rawPublicKey(KEYS.getPublic())).hasSize(32);
        assertThat(Ed25519Keys.rawPrivateKey(KEYS.getPrivate())).hasSize(32);
    }

    @Test
    void manyKeysInTurnEachVerifyOnlyTheirOwnCodes() throws Exception {
        // more keys than the decoded-point cache keeps, each asked twice: a cached point never answers for another key
        List<KeyPair> keys = Stream.generate(Ed25519Keys::generate).limit(100).toList();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < keys.size(); i++) {
                String code = TicketCode.sign(TICKET, "b2b-industrial-2017", "COMPANY", String.format("%04X", i), null, null,
                        keys.get(i).getPrivate());
                assertThat(TicketCode.parse(code).isSignedBy(keys.get(i).getPublic())).isTrue();
                assertThat(TicketCode.parse(code).isSignedBy(keys.get((i + 1) % keys.size()).getPublic())).isFalse();
            }
        }
    }

    @Test
    void aKeyOfAnotherAlgorithmVerifiesNothingAndSignsNothing() throws Exception {
        String code = TicketCode.sign(TICKET, "b2b-industrial-2017", "COMPANY", "1A2B", null, null, KEYS.getPrivate());
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();

        assertThat(TicketCode.parse(code).isSignedBy(ec.getPublic())).isFalse();
        assertThat(TicketCode.parse(code).isSignedBy(null)).isFalse();
        assertThatThrownBy(() -> TicketCode.sign(TICKET, "b2b-industrial-2017", "COMPANY", "1A2B", null, null, ec.getPrivate()))
                .isInstanceOf(IllegalArgumentException.class);
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
