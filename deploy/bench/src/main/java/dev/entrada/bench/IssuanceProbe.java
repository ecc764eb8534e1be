package dev.entrada.bench;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import dev.entrada.contracts.code.Ed25519Keys;
import dev.entrada.contracts.code.TicketCode;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Runs inside ticketing-service's own jar (started through Spring Boot's PropertiesLauncher), so the
 * measured path is the service's real code: sign a code, then render it with the service's QrCodes
 * to PNG. Baseline: plain ZXing encode + its stock PNG writer for the same text. One thread = per core.
 * Prints one line: {@code issued=<per second> checked=<per second> raw=<per second>}.
 */
public final class IssuanceProbe {

    public static void main(String[] args) throws Throwable {
        Class<?> qrCodes = Class.forName("dev.entrada.ticketing.qr.QrCodes");
        MethodHandle png = MethodHandles.publicLookup().findStatic(qrCodes, "png", MethodType.methodType(byte[].class, String.class));
        MethodHandle readsBack = MethodHandles.publicLookup().findStatic(qrCodes, "readsBack", MethodType.methodType(boolean.class, String.class));
        PrivateKey key = Ed25519Keys.generate().getPrivate();
        String sample = TicketCode.sign(UUID.randomUUID(), "b2b-industrial-2017", "COMPANY", "0001", null, null, key);
        Runnable issued = () -> {
            String code = TicketCode.sign(UUID.randomUUID(), "b2b-industrial-2017", "COMPANY", "0001", null, null, key);
            try {
                if (((byte[]) png.invoke(code)).length == 0) {
                    throw new IllegalStateException("empty PNG");
                }
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        };
        // What issuing does in full: it also checks that the code's QR reads back before using it.
        Runnable checked = () -> {
            String code = TicketCode.sign(UUID.randomUUID(), "b2b-industrial-2017", "COMPANY", "0001", null, null, key);
            try {
                if ((boolean) readsBack.invoke(code) && ((byte[]) png.invoke(code)).length == 0) {
                    throw new IllegalStateException("empty PNG");
                }
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        };
        Runnable raw = () -> {
            try {
                BitMatrix matrix = new QRCodeWriter().encode(sample, BarcodeFormat.QR_CODE, 400, 400,
                        Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                MatrixToImageWriter.writeToStream(matrix, "png", out);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        double issuedPerSecond = perSecond(issued);
        double checkedPerSecond = perSecond(checked);
        double rawPerSecond = perSecond(raw);
        System.out.printf("issued=%.1f checked=%.1f raw=%.1f%n", issuedPerSecond, checkedPerSecond, rawPerSecond);
    }

    private static double perSecond(Runnable work) {
        long warm = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < warm) {
            work.run();
        }
        int count = 0;
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(4).toNanos();
        while (System.nanoTime() < end) {
            work.run();
            count++;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private IssuanceProbe() {
    }
}
