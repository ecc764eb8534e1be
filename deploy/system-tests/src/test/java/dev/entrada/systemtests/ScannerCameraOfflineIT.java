package dev.entrada.systemtests;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import dev.entrada.local.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scanner page beyond the handheld scanner: the camera (Chromium's fake camera playing a video of
 * a ticket's QR code; Chromium on Linux has no BarcodeDetector, so the page sends frames to the
 * server's ZXing decoder), scans decided offline in the page and uploaded when the network returns
 * (with a conflict shown), and the manual search.
 */
@ExtendWith(SharedStack.class)
class ScannerCameraOfflineIT {
    private static final java.time.Duration ASYNC = java.time.Duration.ofSeconds(60);
    private static final String B2B = "b2b-industrial-2017";

    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theCameraReadsATicketsQrCodeAndAdmitsIt(Stack stack) throws Exception {
        Gateway gateway = Gateway.staff(stack);
        String code = issueTicket(gateway, "Inés Camarero", "Vídeo Manchego S.L.");
        Path video = qrVideo(code);
        browser = Browser.start("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--use-file-for-fake-video-capture=" + video);
        openScanner(stack.gatewayUrl(), gateway, "entrance");

        browser.findElement(By.id("camera-toggle")).click();

        awaitVerdict("ADMITTED");
        assertThat(browser.findElement(By.id("verdict-name")).getText()).contains("Inés Camarero");
        Browser.screenshot(browser, "scan-camera-admitted");
        browser.findElement(By.id("camera-toggle")).click();
    }

    @Test
    void scansMadeOfflineAreDecidedInThePageQueuedAndSyncedWithTheirConflict(Stack stack) {
        Gateway gateway = Gateway.staff(stack);
        String quiet = issueTicket(gateway, "Rocío Sinred", "Cortijo Offline S.L.");
        String contested = issueTicket(gateway, "Julián Doble", "Puertas Dos S.A.");
        // The offline pack the page downloads must already hold both (check-in's replica follows the topics).
        awaitAtTheDoor(gateway, "Sinred");
        awaitAtTheDoor(gateway, "Doble");
        browser = Browser.start();
        openScanner(stack.gatewayUrl(), gateway, "entrance");
        await().atMost(ASYNC).until(() -> "ready".equals(browser.findElement(By.id("scan-connection")).getDomAttribute("data-pack")));
        String deviceId = browser.findElement(By.id("device-id")).getText();

        // Meanwhile another door, still online, lets Julián in.
        Gateway.Response otherDoor = gateway.post("/api/checkins", Map.of("code", contested, "checkpointId", "entrance",
                "deviceId", "door-online-" + UUID.randomUUID(), "nonce", UUID.randomUUID().toString()));
        assertThat(otherDoor.body().get("verdict").asString()).isEqualTo("ADMITTED");

        ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
        offline.setOffline(true);
        browser.setNetworkConditions(offline);

        scan(quiet);
        awaitVerdict("ADMITTED");
        assertThat(browser.findElement(By.id("verdict")).getDomAttribute("data-offline")).isEqualTo("true");
        assertThat(browser.findElement(By.id("verdict-name")).getText()).contains("Rocío Sinred");
        scan(quiet);
        awaitVerdict("ALREADY_CHECKED_IN");
        scan(contested);
        awaitVerdict("ADMITTED");
        scan("NOT-A-TICKET");
        awaitVerdict("REJECTED");
        await().atMost(ASYNC).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("scan-connection")).getDomAttribute("data-mode")).isEqualTo("offline");
            assertThat(browser.findElement(By.id("scan-connection")).getDomAttribute("data-queued")).isEqualTo("4");
        });
        assertThat(browser.findElement(By.id("scan-connection")).getText()).contains("4");
        Browser.screenshot(browser, "scan-offline-queued");

        browser.deleteNetworkConditions();

        await().atMost(ASYNC).untilAsserted(() ->
                assertThat(browser.findElement(By.id("scan-connection")).getDomAttribute("data-queued")).isEqualTo("0"));
        await().atMost(ASYNC).untilAsserted(() ->
                assertThat(browser.findElement(By.id("conflict-list")).getText()).contains("Julián Doble"));
        Browser.screenshot(browser, "scan-offline-synced-conflict");

        // The server now knows the offline admission as a fact of this device.
        JsonNode again = gateway.post("/api/checkins", Map.of("code", quiet, "checkpointId", "b2b-area",
                "deviceId", "door-check-" + UUID.randomUUID(), "nonce", UUID.randomUUID().toString())).body();
        assertThat(again.get("verdict").asString()).isEqualTo("ALREADY_CHECKED_IN");
        assertThat(again.get("firstCheckIn").get("deviceId").asString()).isEqualTo(deviceId);
    }

    @Test
    void aScannerReopenedWithoutNetworkStillStartsAndDecides(Stack stack) {
        Gateway gateway = Gateway.staff(stack);
        String code = issueTicket(gateway, "Nuria Sincobertura", "Bodegas Sótano S.L.");
        awaitAtTheDoor(gateway, "Sincobertura");
        try (CuttableProxy venueWifi = CuttableProxy.to(stack.gatewayUrl())) {
            browser = Browser.start();
            openScanner(venueWifi.url(), gateway, "entrance");
            await().atMost(ASYNC).until(() -> "ready".equals(browser.findElement(By.id("scan-connection")).getDomAttribute("data-pack")));
            await().atMost(ASYNC).until(() -> Boolean.TRUE.equals(browser.executeScript("return !!navigator.serviceWorker.controller")));

            venueWifi.cut();
            browser.navigate().refresh();
            await().atMost(ASYNC).until(() -> "ready".equals(browser.findElement(By.id("scan-connection")).getDomAttribute("data-pack")));
            scan(code);

            awaitVerdict("ADMITTED");
            assertThat(browser.findElement(By.id("verdict")).getDomAttribute("data-offline")).isEqualTo("true");
            assertThat(browser.findElement(By.id("verdict-name")).getText()).contains("Nuria Sincobertura");
            await().atMost(ASYNC).untilAsserted(() ->
                    assertThat(browser.findElement(By.id("scan-connection")).getDomAttribute("data-queued")).isEqualTo("1"));
            Browser.screenshot(browser, "scan-offline-after-reload");
        }
    }

    @Test
    void staffFindSomeoneByNameAndCheckThemInByHand(Stack stack) {
        Gateway gateway = Gateway.staff(stack);
        String surname = "Olvidadizo" + UUID.randomUUID().toString().substring(0, 6);
        issueTicket(gateway, "Tomás " + surname, "Sin Móvil S.L.");
        awaitAtTheDoor(gateway, surname);
        browser = Browser.start();
        openScanner(stack.gatewayUrl(), gateway, "entrance");

        browser.findElement(By.id("manual-toggle")).click();
        browser.findElement(By.id("manual-q")).sendKeys(surname.toLowerCase());
        browser.findElement(By.id("manual-q")).sendKeys(Keys.ENTER);
        await().atMost(ASYNC).until(() -> !browser.findElements(By.cssSelector("#manual-results button")).isEmpty());
        assertThat(browser.findElement(By.id("manual-results")).getText()).contains("Tomás " + surname).contains("Sin Móvil S.L.");

        browser.findElement(By.cssSelector("#manual-results button")).click();

        awaitVerdict("ADMITTED");
        assertThat(browser.findElement(By.id("verdict-name")).getText()).contains("Tomás " + surname);
        Browser.screenshot(browser, "scan-manual-admitted");
    }

    // ---- helpers ----

    private void openScanner(String gatewayUrl, Gateway staff, String checkpointId) {
        Browser.signIn(browser, gatewayUrl, staff);
        browser.get(gatewayUrl + "/scan");
        await().atMost(ASYNC).until(() -> !browser.findElements(By.cssSelector("#scan-event option")).isEmpty());
        new Select(browser.findElement(By.id("scan-event"))).selectByValue(B2B);
        new Select(browser.findElement(By.id("scan-checkpoint"))).selectByValue(checkpointId);
    }

    private void scan(String text) {
        browser.switchTo().activeElement().sendKeys(text + Keys.ENTER);
    }

    private void awaitVerdict(String verdict) {
        await().atMost(ASYNC).untilAsserted(() ->
                assertThat(browser.findElement(By.id("verdict")).getDomAttribute("data-verdict")).isEqualTo(verdict));
    }

    /**
     * A one-frame YUV4MPEG2 video (Chromium loops it) of the QR code, written directly: luminance from
     * the QR modules, neutral chroma — no ffmpeg needed.
     */
    private static Path qrVideo(String text) throws WriterException, IOException {
        int width = 640;
        int height = 480;
        int side = 440;
        BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, side, side,
                Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        byte[] luma = new byte[width * height];
        Arrays.fill(luma, (byte) 235);
        int left = (width - matrix.getWidth()) / 2;
        int top = (height - matrix.getHeight()) / 2;
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y)) {
                    luma[(top + y) * width + left + x] = (byte) 16;
                }
            }
        }
        byte[] chroma = new byte[(width / 2) * (height / 2)];
        Arrays.fill(chroma, (byte) 128);
        Path file = Files.createTempFile("entrada-qr-", ".y4m");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("YUV4MPEG2 W" + width + " H" + height + " F10:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
            out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
            out.write(luma);
            out.write(chroma);
            out.write(chroma);
        }
        return file;
    }

    private static void awaitAtTheDoor(Gateway gateway, String name) {
        await().atMost(ASYNC).untilAsserted(() -> {
            JsonNode found = gateway.get("/api/checkins/search?eventId=" + B2B + "&q=" + name).body();
            assertThat(found.get("matches").size()).isPositive();
        });
    }

    private static String issueTicket(Gateway gateway, String name, String organization) {
        Gateway.Response registered = gateway.post("/api/events/" + B2B + "/registrations", Map.of(
                "fullName", name, "email", "scan-" + UUID.randomUUID() + "@example.com",
                "organization", organization, "country", "ES", "locale", "es", "consent", true));
        assertThat(registered.status()).isEqualTo(201);
        String id = registered.body().get("registrationId").asString();
        String token = registered.body().get("accessToken").asString();
        String[] ticketId = new String[1];
        await().atMost(ASYNC).untilAsserted(() -> {
            JsonNode registration = gateway.get("/api/registrations/" + id + "?token=" + token).body();
            assertThat(registration.get("ticketId").isNull()).isFalse();
            ticketId[0] = registration.get("ticketId").asString();
        });
        return gateway.get("/api/tickets/" + ticketId[0] + "?token=" + token).body().get("code").asString();
    }
}
