package dev.entrada.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Signed QR tickets per second per core, measured inside ticketing-service's own jar (see {@link IssuanceProbe}). */
final class IssuanceScenario {
    static final String NAME = "ticket issuance";
    private static final Pattern RESULT = Pattern.compile("issued=([0-9.]+) checked=([0-9.]+) raw=([0-9.]+)");

    static List<Measurement> run(Path root, Path benchJar) throws IOException, InterruptedException {
        Path ticketingJar = root.resolve("services/ticketing-service/target/ticketing-service.jar");
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dloader.path=" + benchJar, "-Dloader.main=" + IssuanceProbe.class.getName(),
                "-cp", ticketingJar.toString(), "org.springframework.boot.loader.launch.PropertiesLauncher")
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!probe.waitFor(2, TimeUnit.MINUTES) || probe.exitValue() != 0) {
            throw new IllegalStateException("issuance probe failed:\n" + output);
        }
        Matcher matcher = RESULT.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("issuance probe printed no result:\n" + output);
        }
        double raw = Double.parseDouble(matcher.group(3));
        return List.of(
                Measurement.ratio(NAME, "signed QR tickets/s per core (sign + encode + PNG)",
                        Double.parseDouble(matcher.group(1)), "/s", "raw ZXing encode + PNG", raw, "≥ 0.8"),
                Measurement.ratio(NAME, "as issued: sign + QR read-back check + encode + PNG",
                        Double.parseDouble(matcher.group(2)), "/s", "raw ZXing encode + PNG", raw, ""));
    }

    private IssuanceScenario() {
    }
}
