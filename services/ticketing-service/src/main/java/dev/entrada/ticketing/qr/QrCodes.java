package dev.entrada.ticketing.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.Binarizer;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitArray;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;

/**
 * QR images of ticket codes: error correction M, a quiet zone of 4 modules, pure black on white,
 * every module a whole number of pixels so phone cameras see sharp edges.
 */
public final class QrCodes {
    public static final ErrorCorrectionLevel ERROR_CORRECTION = ErrorCorrectionLevel.M;
    public static final int QUIET_ZONE_MODULES = 4;
    /** Target edge of the PNG; the actual edge is the nearest whole multiple of the module count below it. */
    private static final int PNG_TARGET_PIXELS = 400;
    private static final int MIN_PIXELS_PER_MODULE = 4;

    /** One bit per module, quiet zone included. */
    public static BitMatrix modules(String content) {
        try {
            return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ERROR_CORRECTION,
                    EncodeHintType.MARGIN, QUIET_ZONE_MODULES));
        } catch (WriterException e) {
            throw new IllegalArgumentException("content does not fit a QR code", e);
        }
    }

    /**
     * True when ZXing's standard detector reads the code's QR back. About one random code in a hundred
     * makes a symbol whose data modules fool the finder-pattern search even on a perfect image; the
     * ticket service does not issue those (it picks another ticket id), so every QR it hands out reads.
     */
    public static boolean readsBack(String content) {
        BitMatrix matrix = modules(content);
        // At the PNG's own scale and at the smallest one we draw.
        return readsBack(content, matrix, pixelsPerModule(matrix)) && readsBack(content, matrix, MIN_PIXELS_PER_MODULE);
    }

    private static boolean readsBack(String content, BitMatrix matrix, int scale) {
        int size = matrix.getWidth() * scale;
        BitMatrix pixels = new BitMatrix(size);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y)) {
                    pixels.setRegion(x * scale, y * scale, scale, scale);
                }
            }
        }
        try {
            return content.equals(new QRCodeReader().decode(new BinaryBitmap(new Drawn(pixels))).getText());
        } catch (ReaderException e) {
            return false;
        }
    }

    /**
     * The drawn modules as the detector's black-and-white input. A binarizer turns a camera's grey levels into
     * exactly this for a pure black-on-white image, so it is left out: the check is the detector's and the
     * decoder's (a third of the cost of issuing a ticket went to making grey pixels and thresholding them again).
     */
    private static final class Drawn extends Binarizer {
        private final BitMatrix pixels;

        Drawn(BitMatrix pixels) {
            super(new LuminanceSource(pixels.getWidth(), pixels.getHeight()) {
                @Override
                public byte[] getRow(int y, byte[] row) {
                    throw new UnsupportedOperationException("no grey levels: the modules are drawn");
                }

                @Override
                public byte[] getMatrix() {
                    throw new UnsupportedOperationException("no grey levels: the modules are drawn");
                }
            });
            this.pixels = pixels;
        }

        @Override
        public BitArray getBlackRow(int y, BitArray row) {
            return pixels.getRow(y, row);
        }

        @Override
        public BitMatrix getBlackMatrix() {
            return pixels;
        }

        @Override
        public Binarizer createBinarizer(LuminanceSource source) {
            throw new UnsupportedOperationException("only for the drawn modules");
        }
    }

    private static int pixelsPerModule(BitMatrix matrix) {
        return Math.max(MIN_PIXELS_PER_MODULE, PNG_TARGET_PIXELS / matrix.getWidth());
    }

    public static byte[] png(String content) {
        BitMatrix matrix = modules(content);
        int size = matrix.getWidth();
        int scale = pixelsPerModule(matrix);
        BufferedImage image = new BufferedImage(size * scale, size * scale, BufferedImage.TYPE_BYTE_BINARY);
        WritableRaster raster = image.getRaster();
        int[] white = new int[scale * scale];
        Arrays.fill(white, 1);
        int[] black = new int[scale * scale];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                raster.setPixels(x * scale, y * scale, scale, scale, matrix.get(x, y) ? black : white);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A vector image: one path of unit squares, merged into horizontal runs. */
    public static String svg(String content) {
        BitMatrix matrix = modules(content);
        int size = matrix.getWidth();
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < size; y++) {
            int x = 0;
            while (x < size) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < size && matrix.get(x, y)) {
                    x++;
                }
                int run = x - start;
                path.append('M').append(start).append(' ').append(y)
                        .append('h').append(run).append("v1h-").append(run).append('z');
            }
        }
        int pixels = size * Math.max(MIN_PIXELS_PER_MODULE, PNG_TARGET_PIXELS / size);
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size + "\" width=\"" + pixels
                + "\" height=\"" + pixels + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"" + size + "\" height=\"" + size + "\" fill=\"#ffffff\"/>"
                + "<path fill=\"#000000\" d=\"" + path + "\"/></svg>\n";
    }

    private QrCodes() {
    }
}
