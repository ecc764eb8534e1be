package dev.entrada.systemtests;

import dev.entrada.local.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The staff scanner page in a real browser, fed the way a handheld scanner feeds it: keystrokes, then Enter. */
@ExtendWith(SharedStack.class)
class ScannerPageIT {
    private static final Duration ASYNC = Duration.ofSeconds(60);

    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void aHandheldScanAdmitsOnceThenShowsAmberThenRedForGarbage(Stack stack) {
        String code = issueTicket(new Gateway(stack.gatewayUrl()));
        browser.get(stack.gatewayUrl() + "/scan");
        // Not signed in: the scanner sends staff to the sign-in form, and back to the scanner after it.
        await().atMost(ASYNC).until(() -> browser.getCurrentUrl().contains("/login"));
        Browser.screenshot(browser, "login");
        browser.findElement(By.id("login-username")).sendKeys("staff");
        browser.findElement(By.id("login-password")).sendKeys(stack.config().credentials().staffPassword());
        browser.findElement(By.id("login-submit")).click();
        await().atMost(ASYNC).until(() -> browser.getCurrentUrl().endsWith("/scan"));
        await().atMost(ASYNC).until(() -> !browser.findElements(By.cssSelector("#scan-event option")).isEmpty());
        new Select(browser.findElement(By.id("scan-event"))).selectByValue("b2b-industrial-2017");
        new Select(browser.findElement(By.id("scan-checkpoint"))).selectByValue("entrance");

        scan(code);
        awaitVerdict("ADMITTED");
        assertThat(browser.findElement(By.id("verdict-name")).getText()).contains("Carmen Ruiz");
        Browser.screenshot(browser, "scan-admitted");

        scan(code);
        awaitVerdict("ALREADY_CHECKED_IN");
        Browser.screenshot(browser, "scan-already-checked-in");

        scan("NOT-A-TICKET");
        awaitVerdict("REJECTED");
        Browser.screenshot(browser, "scan-rejected");
    }

    private void scan(String text) {
        // The input keeps the focus between scans, as a handheld scanner needs.
        browser.switchTo().activeElement().sendKeys(text + Keys.ENTER);
    }

    private void awaitVerdict(String verdict) {
        await().atMost(ASYNC).untilAsserted(() ->
                assertThat(browser.findElement(By.id("verdict")).getDomAttribute("data-verdict")).isEqualTo(verdict));
    }

    private static String issueTicket(Gateway gateway) {
        Gateway.Response registered = gateway.post("/api/events/b2b-industrial-2017/registrations", Map.of(
                "fullName", "Carmen Ruiz", "email", "carmen-" + UUID.randomUUID() + "@example.com",
                "organization", "Universidad de Castilla-La Mancha", "country", "ES", "locale", "es", "consent", true));
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
