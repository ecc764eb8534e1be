package dev.entrada.systemtests;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.entrada.local.Stack;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The attendee's pages in a real browser: `/` (events, the form, the answer) and `/tickets/{id}?t=…`
 * (the QR, details, calendar, cancel, correct, offline). Spanish and English browsers are told apart
 * by their Accept-Language (`--accept-lang`), as a phone's would be.
 */
@ExtendWith(SharedStack.class)
class AttendeePagesIT {
    private static final Duration ASYNC = Duration.ofSeconds(60);
    private static final String B2B = "b2b-industrial-2017";
    private static final String SPANISH = "--accept-lang=es-ES,es";
    private static final String ENGLISH = "--accept-lang=en-US,en";

    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aSpanishBrowserRegistersThroughTheFormAndItsTicketsQrDecodesToTheTicketsCode(Stack stack) throws Exception {
        Gateway gateway = new Gateway(stack.gatewayUrl());
        browser = Browser.start(SPANISH);
        browser.get(stack.gatewayUrl() + "/");
        awaitEvents();
        assertThat(lang()).isEqualTo("es");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Eventos");
        Browser.screenshot(browser, "attendee-events-es");

        chooseEvent("Tomelloso");
        fill("fullName", "Lucía Fernández");
        fill("email", "lucia-" + UUID.randomUUID() + "@example.com");
        fill("organization", "Metalúrgica La Mancha");
        new Select(browser.findElement(By.id("organizationKind"))).selectByValue("COMPANY");
        new Select(browser.findElement(By.id("country"))).selectByValue("ES");
        browser.findElement(By.id("session-clusterfy")).click();
        browser.findElement(By.id("consent")).click();
        browser.findElement(By.id("submit")).click();

        awaitOutcome("confirmed");
        assertThat(browser.findElement(By.id("outcome-title")).getText()).isEqualTo("Inscripción confirmada");
        WebElement link = eventually().until(() -> browser.findElements(By.id("ticket-link")), list -> !list.isEmpty()).get(0);
        assertThat(link.getText()).isEqualTo("Ver mi entrada");
        Browser.screenshot(browser, "attendee-confirmed-es");
        link.click();

        awaitTicketShown();
        eventually().untilAsserted(() -> {
            assertThat(text("ticket-event")).isEqualTo("III Encuentro B2B Industrial de Castilla-La Mancha");
            assertThat(text("ticket-sessions")).contains("ClusterFY");
        });
        assertThat(text("ticket-holder")).isEqualTo("Lucía Fernández");
        assertThat(text("ticket-organization")).isEqualTo("Metalúrgica La Mancha");
        assertThat(text("ticket-type")).isEqualTo("Empresa");
        assertThat(text("ticket-state")).isEqualTo("Válida");
        assertThat(browser.findElement(By.id("ticket-badge")).getDomAttribute("href")).contains("/badge.pdf?token=");
        Browser.screenshot(browser, "attendee-ticket-es");

        TicketLink ticket = TicketLink.of(browser.getCurrentUrl());
        String code = gateway.get("/api/tickets/" + ticket.id() + "?token=" + ticket.token()).body().get("code").asString();
        assertThat(decodeQr(browser.findElement(By.id("ticket-qr-figure")))).isEqualTo(code);

        assertThat(calendarFile()).contains("BEGIN:VEVENT", "SUMMARY:III Encuentro B2B Industrial de Castilla-La Mancha",
                "DTSTART:20171123T083000Z", "LOCATION:Recinto Ferial de Tomelloso\\, Tomelloso", "SUMMARY:ClusterFY");
    }

    @Test
    void anEnglishBrowserRegistersInEnglishAndTheLanguageSwitchIsRemembered(Stack stack) {
        browser = Browser.start(ENGLISH);
        browser.get(stack.gatewayUrl() + "/");
        awaitEvents();
        assertThat(lang()).isEqualTo("en");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Events");
        assertThat(browser.findElement(By.id("lang-toggle")).getText()).isEqualTo("Español");
        assertThat(browser.findElement(By.id("lang-toggle")).getDomAttribute("lang")).isEqualTo("es");
        Browser.screenshot(browser, "attendee-events-en");

        chooseEvent("Ciudad Real");
        assertThat(new Select(browser.findElement(By.id("locale"))).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("en");
        fill("fullName", "Diego Ramírez");
        fill("email", "diego-" + UUID.randomUUID() + "@example.com");
        fill("organization", "Universidad de la República");
        new Select(browser.findElement(By.id("country"))).selectByValue("UY");
        browser.findElement(By.id("session-expert-panel")).click();
        browser.findElement(By.id("consent")).click();
        browser.findElement(By.id("submit")).click();

        awaitOutcome("confirmed");
        assertThat(browser.findElement(By.id("outcome-title")).getText()).isEqualTo("Registration confirmed");
        eventually().until(() -> !browser.findElements(By.id("ticket-link")).isEmpty());
        assertThat(browser.findElement(By.id("ticket-link")).getText()).isEqualTo("View my ticket");
        Browser.screenshot(browser, "attendee-confirmed-en");

        browser.findElement(By.id("lang-toggle")).click();
        assertThat(lang()).isEqualTo("es");
        assertThat(browser.findElement(By.id("outcome-title")).getText()).isEqualTo("Inscripción confirmada");
        browser.navigate().refresh();
        awaitEvents();
        assertThat(lang()).as("the choice outlives a reload").isEqualTo("es");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Eventos");
    }

    @Test
    void everyFieldErrorFromTheApiIsShownNextToItsField(Stack stack) {
        browser = Browser.start(SPANISH);
        browser.get(stack.gatewayUrl() + "/");
        awaitEvents();
        chooseEvent("Tomelloso");
        fill("email", "not-an-email");
        fill("phone", "call me");
        browser.findElement(By.id("submit")).click();

        eventually().until(() -> !text("fullName-error").isEmpty());
        assertThat(text("fullName-error")).isEqualTo("Escribe tu nombre y apellidos (hasta 200 caracteres).");
        assertThat(text("email-error")).startsWith("Escribe un correo electrónico válido");
        assertThat(text("organization-error")).isNotEmpty();
        assertThat(text("phone-error")).isNotEmpty();
        assertThat(text("consent-error")).isNotEmpty();
        assertThat(text("jobTitle-error")).isEmpty();
        for (String field : List.of("fullName", "email", "organization", "phone", "consent")) {
            WebElement input = browser.findElement(By.id(field));
            assertThat(input.getDomAttribute("aria-invalid")).as(field).isEqualTo("true");
            assertThat(input.getDomAttribute("aria-describedby")).as(field).isEqualTo(field + "-error");
        }
        assertThat(browser.findElement(By.id("form-message")).getText()).isEqualTo("Revisa los campos marcados.");
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).as("focus goes to the first wrong field").isEqualTo("fullName");
        Browser.screenshot(browser, "attendee-form-errors-es");

        browser.findElement(By.id("lang-toggle")).click();
        browser.findElement(By.id("submit")).click();
        eventually().untilAsserted(() ->
                assertThat(text("fullName-error")).isEqualTo("Enter your full name (up to 200 characters)."));
    }

    @Test
    void theAttendeeCancelsFromTheTicketPageAfterConfirming(Stack stack) {
        Gateway gateway = new Gateway(stack.gatewayUrl());
        Issued issued = register(gateway, "Marta Sánchez", "Cerámicas Tomelloso");
        browser = Browser.start(SPANISH);
        browser.get(stack.gatewayUrl() + issued.pagePath());
        awaitTicketShown();
        WebElement cancel = eventually().until(() -> browser.findElement(By.id("cancel-open")), WebElement::isDisplayed);

        cancel.click();
        eventually().until(() -> browser.findElement(By.id("confirm-yes")).isDisplayed());
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).as("focus starts on the safe answer").isEqualTo("confirm-no");
        Browser.screenshot(browser, "attendee-cancel-confirm");
        browser.findElement(By.id("confirm-no")).click();
        assertThat(gateway.get(issued.registrationPath()).body().get("status").asString()).isEqualTo("CONFIRMED");

        cancel.click();
        eventually().until(() -> browser.findElement(By.id("confirm-yes")).isDisplayed());
        browser.findElement(By.id("confirm-yes")).click();
        eventually().until(() -> browser.findElement(By.id("ticket-banner")).isDisplayed());
        assertThat(text("ticket-banner")).contains("cancelado");
        assertThat(browser.findElement(By.id("ticket-qr-figure")).isDisplayed()).isFalse();
        assertThat(gateway.get(issued.registrationPath()).body().get("status").asString()).isEqualTo("CANCELLED");
        Browser.screenshot(browser, "attendee-cancelled");

        browser.navigate().refresh();
        eventually().until(() -> browser.findElement(By.id("ticket-banner")).isDisplayed());
        assertThat(browser.findElement(By.id("ticket-qr-figure")).isDisplayed()).isFalse();
    }

    @Test
    void theAttendeeDownloadsTheirDataAndErasesItFromTheTicketPage(Stack stack) {
        Gateway gateway = new Gateway(stack.gatewayUrl());
        String surname = "Borrable" + UUID.randomUUID().toString().substring(0, 6);
        Issued issued = register(gateway, "Elena " + surname, "Datos Fuera S.L.");
        browser = Browser.start(SPANISH);
        browser.get(stack.gatewayUrl() + issued.pagePath());
        awaitTicketShown();
        WebElement export = eventually().until(() -> browser.findElement(By.id("privacy-export")), WebElement::isDisplayed);
        String exportPath = URI.create(export.getDomProperty("href")).getRawPath() + "?" + URI.create(export.getDomProperty("href")).getRawQuery();
        assertThat(gateway.getRaw(exportPath).body()).as("everything held about them").contains("Elena " + surname).contains("Datos Fuera S.L.");

        browser.findElement(By.id("privacy-erase")).click();
        eventually().until(() -> browser.findElement(By.id("confirm-yes")).isDisplayed());
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).as("focus starts on the safe answer").isEqualTo("confirm-no");
        browser.findElement(By.id("confirm-yes")).click();
        eventually().until(() -> browser.findElement(By.id("privacy-message")).isDisplayed());
        assertThat(text("privacy-message")).isEqualTo("Tus datos personales se han borrado.");
        Browser.screenshot(browser, "attendee-erased");

        String after = gateway.getRaw(exportPath).body();
        assertThat(after).doesNotContain(surname).doesNotContain("Datos Fuera");
        // The seed events took place in 2017: an erasure after the event keeps the registration counted.
        JsonNode registration = gateway.get(issued.registrationPath()).body();
        assertThat(registration.get("fullName").asString()).doesNotContain(surname);
        assertThat(registration.get("status").asString()).isEqualTo("CONFIRMED");
    }

    @Test
    void aCorrectionReissuesTheTicketAndThePageFollowsTheReplacement(Stack stack) throws Exception {
        Gateway gateway = new Gateway(stack.gatewayUrl());
        Issued issued = register(gateway, "Jose Garcia", "Vinos de Tomelloso");
        browser = Browser.start(SPANISH);
        browser.get(stack.gatewayUrl() + issued.pagePath());
        awaitTicketShown();
        eventually().until(() -> browser.findElement(By.id("correct-open")).isDisplayed());

        browser.findElement(By.id("correct-open")).click();
        WebElement name = browser.findElement(By.id("fullName"));
        assertThat(name.getDomProperty("value")).isEqualTo("Jose Garcia");
        name.clear();
        name.sendKeys("José García");
        browser.findElement(By.id("correct-save")).click();
        eventually().until(() -> browser.findElement(By.id("confirm-yes")).isDisplayed());
        browser.findElement(By.id("confirm-yes")).click();

        eventually().until(() -> !TicketLink.of(browser.getCurrentUrl()).id().equals(issued.ticketId()));
        awaitTicketShown();
        assertThat(text("ticket-holder")).isEqualTo("José García");
        assertThat(gateway.get("/api/tickets/" + issued.ticketId() + "?token=" + issued.token()).body().get("status").asString())
                .isEqualTo("REPLACED");
        TicketLink current = TicketLink.of(browser.getCurrentUrl());
        String code = gateway.get("/api/tickets/" + current.id() + "?token=" + current.token()).body().get("code").asString();
        assertThat(decodeQr(browser.findElement(By.id("ticket-qr-figure")))).isEqualTo(code);
        Browser.screenshot(browser, "attendee-corrected");

        browser.get(stack.gatewayUrl() + issued.pagePath());
        eventually().until(() -> TicketLink.of(browser.getCurrentUrl()).id().equals(current.id()));
    }

    @Test
    void scriptPayloadsInNamesAreShownAsText(Stack stack) {
        Gateway gateway = new Gateway(stack.gatewayUrl());
        String name = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
        String organization = "<b onmouseover=\"window.__pwned=3\">Bold</b> & Co";
        Issued issued = register(gateway, name, organization);
        browser = Browser.start(ENGLISH);
        browser.get(stack.gatewayUrl() + issued.pagePath());
        awaitTicketShown();

        assertThat(text("ticket-holder")).isEqualTo(name);
        assertThat(text("ticket-organization")).isEqualTo(organization);
        assertThat(browser.findElements(By.cssSelector("#ticket-holder *, #ticket-organization *"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("img[src='x'], script:not([src])"))).isEmpty();
        assertThat(browser.executeScript("return window.__pwned === undefined")).isEqualTo(true);
        eventually().until(() -> browser.findElement(By.id("correct-open")).isDisplayed());
        browser.findElement(By.id("correct-open")).click();
        assertThat(browser.findElement(By.id("fullName")).getDomProperty("value")).isEqualTo(name);
        assertThat(browser.executeScript("return window.__pwned === undefined")).isEqualTo(true);
        Browser.screenshot(browser, "attendee-ticket-script-payload");
    }

    @Test
    void theTicketStillShowsItsQrOfflineAfterAFirstVisit(Stack stack) throws Exception {
        Gateway gateway = new Gateway(stack.gatewayUrl());
        Issued issued = register(gateway, "Ana Torres", "Clúster TIC");
        String code = gateway.get("/api/tickets/" + issued.ticketId() + "?token=" + issued.token()).body().get("code").asString();
        try (CuttableProxy venueWifi = CuttableProxy.to(stack.gatewayUrl())) {
            browser = Browser.start(SPANISH);
            browser.get(venueWifi.url() + issued.pagePath());
            awaitTicketShown();
            eventually().until(() -> "true".equals(browser.executeScript("return document.documentElement.dataset.offlineReady || ''")));

            venueWifi.cut();
            browser.navigate().refresh();
            awaitTicketShown();
            eventually().until(() -> browser.findElement(By.id("ticket-offline")).isDisplayed());
            assertThat(text("ticket-holder")).isEqualTo("Ana Torres");
            assertThat(text("ticket-event")).isEqualTo("III Encuentro B2B Industrial de Castilla-La Mancha");
            assertThat(decodeQr(browser.findElement(By.id("ticket-qr-figure")))).isEqualTo(code);
            assertThat(browser.findElement(By.id("manage")).isDisplayed()).as("no changes offline").isFalse();
            Browser.screenshot(browser, "attendee-ticket-offline");
        }
    }

    @Test
    void thePagesHaveLabelsLanguageContrastAndAKeyboardOrder(Stack stack) {
        Gateway gateway = new Gateway(stack.gatewayUrl());
        browser = Browser.start(SPANISH);
        browser.get(stack.gatewayUrl() + "/");
        awaitEvents();
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(browser.switchTo().activeElement().getDomAttribute("class")).as("first Tab: skip link").isEqualTo("skip-link");
        chooseEvent("Tomelloso");
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("fullName");
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
            order.add(browser.switchTo().activeElement().getDomAttribute("id"));
        }
        assertThat(order).containsExactly("email", "organization", "organizationKind", "jobTitle", "country", "phone",
                "ticketType", "session-clusterfy", "locale", "consent", "submit");
        browser.findElement(By.id("submit")).click();
        eventually().until(() -> !text("fullName-error").isEmpty());
        assertThat(accessibilityProblems()).as("registration page").isEmpty();

        Issued issued = register(gateway, "Lola Martín", "Ayuntamiento de Tomelloso");
        browser.get(stack.gatewayUrl() + issued.pagePath());
        awaitTicketShown();
        eventually().until(() -> browser.findElement(By.id("manage")).isDisplayed());
        browser.findElement(By.id("correct-open")).click();
        assertThat(accessibilityProblems()).as("ticket page").isEmpty();
        assertThat(browser.findElement(By.id("ticket-qr")).getDomProperty("alt")).isEqualTo("Código QR de la entrada");
    }

    // ---- helpers ----

    /** Pages re-render and navigate while we look: a missing element just means "not yet". */
    private static ConditionFactory eventually() {
        return await().atMost(ASYNC).ignoreExceptions();
    }

    record Issued(String registrationId, String token, String ticketId) {
        String pagePath() {
            return "/tickets/" + ticketId + "?t=" + token;
        }

        String registrationPath() {
            return "/api/registrations/" + registrationId + "?token=" + token;
        }
    }

    record TicketLink(String id, String token) {
        static TicketLink of(String url) {
            URI uri = URI.create(url);
            String token = uri.getQuery() == null ? "" : uri.getQuery().replaceFirst("^(?:.*&)?t=([^&]*).*$", "$1");
            return new TicketLink(uri.getPath().replaceFirst("^/tickets/", ""), token);
        }
    }

    private static Issued register(Gateway gateway, String fullName, String organization) {
        Gateway.Response registered = gateway.post("/api/events/" + B2B + "/registrations", Map.of(
                "fullName", fullName, "email", "attendee-" + UUID.randomUUID() + "@example.com",
                "organization", organization, "country", "ES", "locale", "es", "consent", true));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        String id = registered.body().get("registrationId").asString();
        String token = registered.body().get("accessToken").asString();
        String[] ticketId = new String[1];
        eventually().untilAsserted(() -> {
            JsonNode registration = gateway.get("/api/registrations/" + id + "?token=" + token).body();
            assertThat(registration.get("ticketId").isNull()).isFalse();
            ticketId[0] = registration.get("ticketId").asString();
        });
        return new Issued(id, token, ticketId[0]);
    }

    private void awaitEvents() {
        eventually().until(() -> !browser.findElements(By.cssSelector("#events li button")).isEmpty());
    }

    /** Clicks "register" on the event whose card mentions {@code place}. */
    private void chooseEvent(String place) {
        browser.findElement(By.xpath("//ul[@id='events']/li[.//p[contains(., '" + place + "')]]//button")).click();
        eventually().until(() -> browser.findElement(By.id("registration-form")).isDisplayed());
    }

    private void fill(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private void awaitOutcome(String outcome) {
        eventually().until(() -> outcome.equals(browser.findElement(By.id("outcome")).getDomAttribute("data-outcome")));
    }

    /** The ticket card is shown and its QR image has loaded. */
    private void awaitTicketShown() {
        eventually().until(() -> Boolean.TRUE.equals(browser.executeScript(
                "const img = document.getElementById('ticket-qr');"
                        + "return !document.getElementById('ticket').hidden && img.complete && img.naturalWidth > 0;")));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private String lang() {
        return browser.findElement(By.tagName("html")).getDomAttribute("lang");
    }

    /**
     * The .ics the "add to calendar" link offers, read back from its blob: URL. A person downloads it by
     * following the link; a script may not fetch blob: under the page's CSP (connect-src 'self'), so
     * the test lifts the CSP for one reload to read it.
     */
    private String calendarFile() {
        browser.executeCdpCommand("Page.setBypassCSP", Map.of("enabled", true));
        browser.navigate().refresh();
        awaitTicketShown();
        eventually().until(() -> browser.findElement(By.id("ticket-calendar")).isDisplayed());
        WebElement link = browser.findElement(By.id("ticket-calendar"));
        assertThat(link.isDisplayed()).isTrue();
        assertThat(link.getDomAttribute("href")).startsWith("blob:");
        return (String) browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(document.getElementById('ticket-calendar').href).then(r => r.text()).then(done, e => done(String(e)));");
    }

    /** Decodes the QR in what the browser shows of {@code element} (a real screenshot), with ZXing. */
    private static String decodeQr(WebElement element) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(element.getScreenshotAs(OutputType.BYTES)));
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                    Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE,
                            DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE))).getText();
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw new AssertionError("no QR code could be read from the screenshot", e);
        }
    }

    /**
     * The basics an automated checker would look at (no axe-core webjar is on Maven Central): the page
     * language, one h1, unique ids, a label for every control, alt text, names for buttons and links, and
     * WCAG AA contrast (4.5:1, 3:1 for large text) for every visible text.
     */
    @SuppressWarnings("unchecked")
    private List<String> accessibilityProblems() {
        return (List<String>) browser.executeScript("""
                const problems = [];
                const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)
                    && getComputedStyle(el).visibility !== 'hidden';
                if (!['es', 'en'].includes(document.documentElement.lang)) problems.push('html lang: ' + document.documentElement.lang);
                if (document.querySelectorAll('h1').length !== 1) problems.push('h1 count');
                const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
                ids.filter((id, i) => ids.indexOf(id) !== i).forEach((id) => problems.push('duplicate id ' + id));
                for (const el of document.querySelectorAll('input, select, textarea')) {
                  if (el.type === 'hidden') continue;
                  const named = el.labels.length > 0 || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
                  if (!named) problems.push('no label: ' + (el.id || el.name));
                }
                for (const img of document.querySelectorAll('img')) {
                  if (visible(img) && !img.getAttribute('alt')) problems.push('no alt: ' + img.id);
                }
                for (const el of document.querySelectorAll('button, a[href]')) {
                  if (visible(el) && !(el.textContent.trim() || el.getAttribute('aria-label'))) problems.push('no name: ' + (el.id || el.outerHTML.slice(0, 40)));
                }
                const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
                  const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
                const background = (el) => {
                  const layers = [];
                  for (let n = el; n; n = n.parentElement) { const c = parse(getComputedStyle(n).backgroundColor); if (c && c[3] > 0) layers.push(c); if (c && c[3] === 1) break; }
                  let rgb = [255, 255, 255];
                  for (const c of layers.reverse()) rgb = rgb.map((v, i) => c[3] * c[i] + (1 - c[3]) * v);
                  return rgb;
                };
                const lum = (rgb) => { const l = rgb.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                  return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]; };
                for (const el of document.querySelectorAll('body *')) {
                  if (!visible(el) || el.closest('[disabled]')) continue;
                  if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
                  const style = getComputedStyle(el);
                  const fg = parse(style.color); if (!fg) continue;
                  const a = lum(fg.slice(0, 3)); const b = lum(background(el));
                  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                  const size = parseFloat(style.fontSize); const bold = parseInt(style.fontWeight, 10) >= 700;
                  const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
                  if (ratio < needed) problems.push('contrast ' + ratio.toFixed(2) + ': ' + el.tagName + '#' + el.id + '.' + el.className);
                }
                return problems;
                """);
    }
}
