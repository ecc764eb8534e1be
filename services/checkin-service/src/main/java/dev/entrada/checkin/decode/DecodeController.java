package dev.entrada.checkin.decode;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.entrada.checkin.web.InvalidInputException;
import dev.entrada.identity.Access;
import dev.entrada.identity.Access.Audience;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Camera frames from browsers without {@code BarcodeDetector} (Chromium on Linux and Windows, iOS
 * Safari): a JPEG or PNG in, the QR's text out. The body limit (256 KB) and a 2,000-pixel side cap
 * keep one frame from costing much memory.
 */
@Controller("/api/checkins/decode")
public class DecodeController {
    static final int MAX_SIDE = 2000;
    private static final Map<DecodeHintType, Object> HINTS = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE);

    /** {@code text} is absent when the frame holds no readable QR code (the normal case between codes). */
    @Serdeable
    public record Decoded(String text) {
    }

    @Post
    @Access(Audience.STAFF)
    @Consumes({MediaType.IMAGE_JPEG, MediaType.IMAGE_PNG, MediaType.APPLICATION_OCTET_STREAM})
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Decoded decode(@Body byte[] image) {
        BufferedImage frame = read(image);
        LuminanceSource source = new BufferedImageLuminanceSource(frame);
        QRCodeReader reader = new QRCodeReader();
        for (BinaryBitmap bitmap : new BinaryBitmap[]{new BinaryBitmap(new HybridBinarizer(source)),
                new BinaryBitmap(new GlobalHistogramBinarizer(source))}) {
            try {
                Result result = reader.decode(bitmap, HINTS);
                return new Decoded(result.getText());
            } catch (NotFoundException e) {
                reader.reset();
            } catch (ReaderException e) {
                reader.reset();
            }
        }
        return new Decoded(null);
    }

    private static BufferedImage read(byte[] image) {
        if (image == null || image.length == 0) {
            throw new InvalidInputException("body", "an image (JPEG or PNG) is required");
        }
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
            if (readers == null || !readers.hasNext()) {
                throw new InvalidInputException("body", "not a JPEG or PNG image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                // The header first: a tiny file may declare a huge picture.
                if (reader.getWidth(0) > MAX_SIDE || reader.getHeight(0) > MAX_SIDE) {
                    throw new InvalidInputException("body", "image larger than " + MAX_SIDE + " pixels a side");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException("body", "not a readable image");
        }
    }
}
