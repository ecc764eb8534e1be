package dev.entrada.systemtests;

import dev.entrada.local.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The organiser's dashboard in a real browser: it shows the live numbers from the SSE stream, and a
 * scan made through the API changes "checked in" on the page without a reload.
 */
@ExtendWith(SharedStack.class)
class DashboardPageIT {
    private static final Duration ASYNC = Duration.ofSeconds(60);
    private static final String EVENT = "b2b-industrial-2017";

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
    void aScanThroughTheApiChangesTheCheckedInNumberWithoutAReload(Stack stack) {
        Gateway gateway = new Gateway(stack.gatewayUrl());
        String code = issueTicket(gateway);

        Browser.signIn(browser, stack.gatewayUrl(), Gateway.organizer(stack));
        browser.get(stack.gatewayUrl() + "/dashboard");
        await().atMost(ASYNC).until(() -> !browser.findElements(By.cssSelector("#dash-event option")).isEmpty());
        new Select(browser.findElement(By.id("dash-event"))).selectByValue(EVENT);
        await().atMost(ASYNC).untilAsserted(() ->
                assertThat(browser.findElement(By.id("dash-status")).getDomAttribute("data-state")).isEqualTo("live"));
        await().atMost(ASYNC).until(() -> number("kpi-registered") >= 1);
        long before = number("kpi-checkedIn");
        browser.executeScript("window.entradaNoReload = true;");
        Browser.screenshot(browser, "dashboard-before-scan");

        Gateway.Response scan = Gateway.staff(stack).post("/api/checkins", Map.of("code", code, "checkpointId", "entrance",
                "deviceId", "dashboard-it", "nonce", UUID.randomUUID().toString()));
        assertThat(scan.status()).isEqualTo(200);
        assertThat(scan.body().get("verdict").asString()).isEqualTo("ADMITTED");

        await().atMost(ASYNC).until(() -> number("kpi-checkedIn") > before);
        assertThat(browser.executeScript("return window.entradaNoReload === true;"))
                .as("updated live, not by reloading the page").isEqualTo(Boolean.TRUE);
        assertThat(browser.findElement(By.id("table-devices")).getText()).contains("dashboard-it");
        Browser.screenshot(browser, "dashboard-after-scan");
    }

    /** The big number as shown, digits only (the page groups thousands in the reader's language). */
    private long number(String id) {
        String digits = browser.findElement(By.id(id)).getText().replaceAll("[^0-9]", "");
        return digits.isEmpty() ? -1 : Long.parseLong(digits);
    }

    static String issueTicket(Gateway gateway) {
        return register(gateway).code();
    }

    /** A registered person with a ticket. */
    record Registered(String registrationId, String code) {
    }

    static Registered register(Gateway gateway) {
        Gateway.Response registered = gateway.post("/api/events/" + EVENT + "/registrations", Map.of(
                "fullName", "Rosa Molina", "email", "rosa-" + UUID.randomUUID() + "@example.com",
                "organization", "Metalúrgica La Mancha", "country", "ES", "locale", "es", "consent", true));
        assertThat(registered.status()).isEqualTo(201);
        String id = registered.body().get("registrationId").asString();
        String token = registered.body().get("accessToken").asString();
        String[] ticketId = new String[1];
        await().atMost(ASYNC).untilAsserted(() -> {
            JsonNode registration = gateway.get("/api/registrations/" + id + "?token=" + token).body();
            assertThat(registration.get("ticketId").isNull()).isFalse();
            ticketId[0] = registration.get("ticketId").asString();
        });
        return new Registered(id, gateway.get("/api/tickets/" + ticketId[0] + "?token=" + token).body().get("code").asString());
    }
}
