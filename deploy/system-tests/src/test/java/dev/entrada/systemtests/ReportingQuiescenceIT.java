package dev.entrada.systemtests;

import dev.entrada.local.Stack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * At quiescence the organiser's numbers equal what the owning services say through their public
 * APIs: registration-service's own counts of confirmed and waitlisted people, check-in's verdicts.
 * Runs on the shared stack (tests run one after another), so check-in numbers are compared as the
 * change this test caused.
 */
@ExtendWith(SharedStack.class)
class ReportingQuiescenceIT {
    private static final Duration ASYNC = Duration.ofSeconds(60);
    private static final String EVENT = "b2b-industrial-2017";

    @Test
    void atQuiescenceEveryNumberEqualsTheOwningServicesData(Stack stack) throws Exception {
        Gateway gateway = new Gateway(stack.gatewayUrl());
        Gateway staff = Gateway.staff(stack);
        Gateway organizer = Gateway.organizer(stack);
        JsonNode before = quiescent(organizer);

        String first = DashboardPageIT.issueTicket(gateway);
        DashboardPageIT.Registered second = DashboardPageIT.register(gateway);
        DashboardPageIT.Registered noShow = DashboardPageIT.register(gateway); // registered, never comes
        assertThat(scan(staff, first)).isEqualTo("ADMITTED");
        assertThat(scan(staff, first)).as("the same person twice is one person").isEqualTo("ALREADY_CHECKED_IN");
        assertThat(scan(staff, second.code())).isEqualTo("ADMITTED");
        assertThat(scan(staff, "NOT-A-TICKET")).isEqualTo("REJECTED");

        JsonNode after = quiescent(organizer);
        assertThat(after.get("registered").asLong() - before.get("registered").asLong()).isEqualTo(3);
        assertThat(after.get("checkedIn").asLong() - before.get("checkedIn").asLong()).isEqualTo(2);
        assertThat(after.get("inside").asLong() - before.get("inside").asLong()).isEqualTo(2);
        assertThat(after.get("rejected").get("total").asLong() - before.get("rejected").get("total").asLong()).isEqualTo(1);
        assertThat(entranceCount(after) - entranceCount(before)).isEqualTo(2);
        assertThat(sum(after.get("byTicketType"), "registered")).isEqualTo(after.get("registered").asLong());
        assertThat(sum(after.get("byCountry"), "registered")).isEqualTo(after.get("registered").asLong());
        assertThat(sum(after.get("byTicketType"), "checkedIn")).isEqualTo(after.get("checkedIn").asLong());
        assertThat(sum(after.get("arrivalsPerMinute"), "count")).isEqualTo(after.get("checkedIn").asLong());

        // The exports hold personal data: organisers only, through the gateway.
        String path = "/api/reports/events/" + EVENT + "/exports/no-shows.csv";
        assertThat(gateway.getRaw(path).statusCode()).isEqualTo(401);
        assertThat(staff.getRaw(path).statusCode()).as("staff do not export").isEqualTo(403);
        HttpResponse<String> noShows = organizer.getRaw(path);
        assertThat(noShows.statusCode()).isEqualTo(200);
        assertThat(noShows.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(noShows.body()).contains("\"" + noShow.registrationId() + "\"")
                .doesNotContain("\"" + second.registrationId() + "\"");
    }

    /**
     * Waits until reporting agrees with registration-service's own counts and has stopped changing,
     * then answers the attendance report.
     */
    private static JsonNode quiescent(Gateway gateway) {
        JsonNode[] report = new JsonNode[1];
        await().atMost(ASYNC).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            JsonNode event = gateway.get("/api/events/" + EVENT).body();
            Gateway.Response attendance = gateway.get("/api/reports/events/" + EVENT + "/attendance");
            assertThat(attendance.status()).isEqualTo(200);
            JsonNode now = attendance.body();
            assertThat(now.get("registered").asLong()).isEqualTo(event.get("confirmed").asLong());
            assertThat(now.get("waitlisted").asLong()).isEqualTo(event.get("waitlisted").asLong());
            assertThat(now.get("capacity").asLong()).isEqualTo(event.get("capacity").asLong());
            JsonNode previous = report[0];
            report[0] = now;
            assertThat(previous).as("unchanged since the last look").isNotNull();
            assertThat(now.get("updatedAt").asString()).isEqualTo(previous.get("updatedAt").asString());
        });
        return report[0];
    }

    private static String scan(Gateway gateway, String code) {
        Gateway.Response response = gateway.post("/api/checkins", Map.of("code", code, "checkpointId", "entrance",
                "deviceId", "quiescence-it", "nonce", UUID.randomUUID().toString()));
        assertThat(response.status()).isEqualTo(200);
        return response.body().get("verdict").asString();
    }

    private static long entranceCount(JsonNode report) {
        for (JsonNode line : report.get("byCheckpoint")) {
            if ("entrance".equals(line.get("checkpointId").asString())) {
                return line.get("checkedIn").asLong();
            }
        }
        return 0;
    }

    private static long sum(JsonNode lines, String field) {
        long total = 0;
        for (JsonNode line : lines) {
            total += line.get(field).asLong();
        }
        return total;
    }
}
