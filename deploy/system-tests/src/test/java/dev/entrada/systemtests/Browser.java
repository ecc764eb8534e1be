package dev.entrada.systemtests;

import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Headless Debian Chromium driven by Debian's chromedriver (installed by {@code .ci/run}); no browser
 * download. Screenshots go to {@code target/screenshots/} as test artifacts.
 */
final class Browser {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final String SESSION_COOKIE = "entrada_session";

    /** A fresh browser profile; {@code extraArguments} e.g. for the fake camera. */
    static ChromeDriver start(String... extraArguments) {
        try {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromiumBinary());
            List<String> arguments = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=412,915",
                    "--user-data-dir=" + Files.createTempDirectory("entrada-chromium-")));
            arguments.addAll(List.of(extraArguments));
            options.addArguments(arguments);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(executable("chromedriver", "/usr/bin/chromedriver"))).build();
            return new ChromeDriver(service, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Debian's /usr/bin/chromium is a wrapper script; the real binary is what chromedriver should start. */
    private static String chromiumBinary() {
        Path real = Path.of("/usr/lib/chromium/chromium");
        return Files.isExecutable(real) ? real.toString() : executable("chromium", "/usr/bin/chromium");
    }

    private static String executable(String name, String usual) {
        if (Files.isExecutable(Path.of(usual))) {
            return usual;
        }
        throw new IllegalStateException(name + " not found at " + usual + ": install Debian's chromium and chromium-driver (.ci/run does)");
    }

    /**
     * Signs the browser in as the client's account without the form (the form itself is tested in
     * {@code ScannerPageIT}): the session cookie the sign-in sets, put on the gateway's host. Cookies
     * ignore ports, so it also holds for a proxy on the same host.
     */
    static void signIn(ChromeDriver driver, String gatewayUrl, Gateway signedIn) {
        driver.get(gatewayUrl + "/favicon.svg");
        driver.manage().addCookie(new Cookie.Builder(SESSION_COOKIE, signedIn.token()).path("/").isHttpOnly(true).build());
    }

    static Path screenshot(ChromeDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Browser() {
    }
}
