package dev.entrada.ticketing.qr;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import dev.entrada.contracts.code.Ed25519Keys;
import dev.entrada.contracts.code.TicketCode;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class QrCodesTest {
    private static final KeyPair KEYS = Ed25519Keys.generate();

    /** Like the service: a random ticket id whose code's QR reads back (see {@link QrCodes#readsBack}). */
    private static String code() {
        return issuable(() -> TicketCode.sign(UUID.randomUUID(), "b2b-industrial-2017", "COMPANY", "1A2B", null, null,
                KEYS.getPrivate()));
    }

    /** The longest code there is: one with a validity window. */
    private static String longestCode() {
        return issuable(() -> TicketCode.sign(UUID.randomUUID(), "telecom-night-2017", "GALA", "FFFF",
                Instant.parse("2017-11-17T18:00:00Z"), Instant.parse("2017-11-18T02:00:00Z"), KEYS.getPrivate()));
    }

    private static String issuable(Supplier<String> codes) {
        for (int i = 0; i < 10; i++) {
            String code = codes.get();
            if (QrCodes.readsBack(code)) {
                return code;
            }
        }
        throw new AssertionError("ten codes in a row whose QR does not read back");
    }

    @Test
    void codesThatReadBackDecodeFromThePngWithTheFullReaderToo() throws Exception {
        // readsBack() is the issuing filter; the attendee's PNG of every code it lets through must decode.
        for (int i = 0; i < 50; i++) {
            String code = longestCode();
            assertThat(decode(ImageIO.read(new ByteArrayInputStream(QrCodes.png(code))))).isEqualTo(code);
        }
    }

    @Test
    void theReadBackCheckGivesTheVerdictOfGreyPixelsThroughTheStandardBinarizer() {
        // readsBack() hands the drawn modules straight to the detector; a camera's path goes through grey
        // levels and ZXing's binarizer. Both must refuse the same codes (about one in a hundred).
        int refused = 0;
        int accepted = 0;
        for (int i = 0; i < 3000 && (refused < 2 || accepted < 200); i++) {
            String code = TicketCode.sign(UUID.randomUUID(), "telecom-night-2017", "GALA", "FFFF",
                    Instant.parse("2017-11-17T18:00:00Z"), Instant.parse("2017-11-18T02:00:00Z"), KEYS.getPrivate());
            BitMatrix modules = QrCodes.modules(code);
            boolean grey = readsFromGrey(code, modules, Math.max(4, 400 / modules.getWidth())) && readsFromGrey(code, modules, 4);
            assertThat(QrCodes.readsBack(code)).as(code).isEqualTo(grey);
            if (grey) {
                accepted++;
            } else {
                refused++;
            }
        }
        assertThat(refused).as("codes refused by both").isGreaterThanOrEqualTo(2);
        assertThat(accepted).isGreaterThanOrEqualTo(200);
    }

    private static boolean readsFromGrey(String code, BitMatrix modules, int scale) {
        int size = modules.getWidth() * scale;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, modules.get(x / scale, y / scale) ? 0 : 0xffffff);
            }
        }
        try {
            return code.equals(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(image)))).getText());
        } catch (ReaderException e) {
            return false;
        }
    }

    @Test
    void pngDecodesToExactlyTheCode() throws Exception {
        String code = code();

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCodes.png(code)));

        assertThat(image.getWidth()).isEqualTo(image.getHeight()).isBetween(200, 600);
        assertThat(decode(image)).isEqualTo(code);
    }

    @Test
    void pngIsPureBlackAndWhiteWithAQuietZone() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCodes.png(code())));
        int modules = QrCodes.modules(code()).getWidth();
        int scale = image.getWidth() / modules;

        assertThat(image.getWidth() % modules).isZero();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                assertThat(rgb).isIn(0x000000, 0xffffff);
                boolean inQuietZone = x < 4 * scale || y < 4 * scale
                        || x >= image.getWidth() - 4 * scale || y >= image.getHeight() - 4 * scale;
                if (inQuietZone) {
                    assertThat(rgb).as("quiet zone at %d,%d", x, y).isEqualTo(0xffffff);
                }
            }
        }
    }

    @Test
    void svgDrawsTheSameModulesAndDecodesToTheCode() throws Exception {
        String code = code();
        BitMatrix expected = QrCodes.modules(code);

        String svg = QrCodes.svg(code);

        assertThat(svg).contains("viewBox=\"0 0 " + expected.getWidth() + " " + expected.getWidth() + "\"");
        BitMatrix drawn = new BitMatrix(expected.getWidth());
        Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z").matcher(svg);
        while (run.find()) {
            drawn.setRegion(Integer.parseInt(run.group(1)), Integer.parseInt(run.group(2)), Integer.parseInt(run.group(3)), 1);
        }
        assertThat(drawn).isEqualTo(expected);
        BufferedImage raster = new BufferedImage(drawn.getWidth() * 4, drawn.getWidth() * 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < raster.getHeight(); y++) {
            for (int x = 0; x < raster.getWidth(); x++) {
                raster.setRGB(x, y, drawn.get(x / 4, y / 4) ? 0 : 0xffffff);
            }
        }
        assertThat(decode(raster)).isEqualTo(code);
    }

    @Test
    void theLongestCodeFitsQrVersionSixAtErrorCorrectionM() throws Exception {
        String code = longestCode();
        assertThat(code).hasSize(152);

        int version = Encoder.encode(code, ErrorCorrectionLevel.M, Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M))
                .getVersion().getVersionNumber();

        assertThat(version).isLessThanOrEqualTo(6);
        // The rendered image uses the same version: 4 * version + 17 modules plus the quiet zone.
        assertThat(QrCodes.modules(code).getWidth()).isEqualTo(4 * version + 17 + 2 * QrCodes.QUIET_ZONE_MODULES);
        assertThat(decode(ImageIO.read(new ByteArrayInputStream(QrCodes.png(code))))).isEqualTo(code);
    }

    static String decode(BufferedImage image) throws Exception {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }
}
