package io.onegrid.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.onegrid.api.GatewayClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Issue 6, a gateway whose clock is wrong: a board without a real-time clock can boot a day off. The real gateway
 * runs with its wall clock a day behind ({@link GatewayClock#TEST_WALL_OFFSET_PROPERTY}, the only way to shift it
 * without changing the machine's clock), and the hub must place the alarm and its case in its own time, from the
 * gateway's monotonic clock, and say how far off the gateway is (docs/hub.md, "Gateway clocks").
 */
// Runs beside another test: the one timing it needs, the gateway's first reading (about t+2 s) before the clear at
// t+16 s, has room for a machine several times slower.
@Execution(ExecutionMode.CONCURRENT)
class ClockSkewEndToEndIT {
    private static final long DAY_MS = 86_400_000L;
    /** Network and batching delay the hub's estimate may include, and slack for a loaded machine. */
    private static final long SLACK_MS = 10_000L;
    private static final String DETECTOR = "smoke-801";

    @TempDir
    Path work;

    private Rig rig;

    @AfterEach
    void stopAll() throws InterruptedException {
        if (rig != null) rig.close();
    }

    /**
     * GIVEN a gateway whose wall clock is a day behind the hub's
     * WHEN a smoke detector goes off and clears
     * THEN the hub marks the alarm's raise time as corrected and puts it, the receive and clear times and the case's
     *      opening, deadlines and timeline within the seconds the test ran (not a day earlier), keeps the gateway's
     *      own wall time beside them, records the gateway's clock as a day behind and warns about it once.
     */
    @Test
    void aGatewayADayBehindGetsItsAlarmAndCaseInHubTimeAndItsOffsetRecorded() throws Exception {
        rig = new Rig(work, "clock-skew", "gw-e2e-skew", "e2e-skew-gateway-secret-71b0", "e2e-skew-admin-password-0d2c");
        long testStart = System.currentTimeMillis();
        // the hub starts beside the simulator: the gateway reads its detector without it and sends once it listens
        ManagedProcess hub = rig.startHub("hub");
        rig.startSim(Path.of(System.getProperty("onegrid.root", "..")).toAbsolutePath().normalize()
                .resolve("e2e-tests/src/test/resources/clock-skew-scenario.yaml"));
        Path config = rig.writeGatewayConfig(rig.mqttPort, List.of(DETECTOR));
        rig.startGateway("gateway", config, "-D" + GatewayClock.TEST_WALL_OFFSET_PROPERTY + "=" + -DAY_MS);
        Rig.awaitListening(hub);

        HubClient client = new HubClient(rig.httpPort);
        await("hub healthy").atMost(Duration.ofSeconds(30)).until(client::healthy);
        client.login("admin", rig.adminPassword);
        HubAlarms hubAlarms = new HubAlarms(client, "admin", rig.adminPassword);
        HubAlarms.CaseView view = await("the smoke case with its alarm raised and cleared").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> hubAlarms.byDevice("fire.smoke").getOrDefault(DETECTOR, List.of()).stream()
                        .filter(v -> v.alarms().size() == 1 && HubAlarms.cleared(v.alarms().get(0))).findFirst(),
                        java.util.Optional::isPresent).orElseThrow();
        long testNow = System.currentTimeMillis();

        JsonNode alarm = view.alarms().get(0);
        JsonNode raisedAt = alarm.path("raisedAt");
        assertThat(raisedAt.path("corrected").asBoolean()).as("raise time corrected by the hub").isTrue();
        long raisedHub = epochMs(raisedAt.path("hub"));
        assertThat(raisedHub).as("raisedAt.hub within the run").isBetween(testStart, testNow);
        assertThat(raisedAt.path("wall").asLong()).as("the gateway's own raise time, kept beside it: a day behind")
                .isBetween(raisedHub - DAY_MS - SLACK_MS, raisedHub - DAY_MS + SLACK_MS);
        assertThat(epochMs(alarm.path("receivedAt"))).as("receivedAt").isBetween(raisedHub, testNow);
        assertThat(epochMs(alarm.path("clearedAt"))).as("clearedAt").isBetween(raisedHub, testNow);

        JsonNode detail = view.detail();
        assertThat(epochMs(detail.path("openedAt"))).as("case openedAt").isBetween(testStart, testNow);
        assertThat(epochMs(detail.path("updatedAt"))).as("case updatedAt").isBetween(testStart, testNow);
        long openedAt = epochMs(detail.path("openedAt"));
        detail.path("deadlines").fields().forEachRemaining(d -> {
            if (!d.getValue().isNull()) {
                assertThat(epochMs(d.getValue())).as("%s deadline after the opening", d.getKey()).isGreaterThanOrEqualTo(openedAt);
            }
        });
        assertThat(detail.path("timeline")).as("case timeline").isNotEmpty()
                .allSatisfy(t -> assertThat(epochMs(t.path("at"))).as("timeline %s", t).isBetween(testStart, testNow));

        JsonNode gateway = HubAlarms.gateway(hubAlarms.get("/api/gateways"), rig.gatewayId);
        assertThat(gateway.path("clockCorrected").asBoolean()).as("gateway clockCorrected").isTrue();
        assertThat(gateway.path("clockSkewMs").asLong()).as("gateway clockSkewMs: a day behind")
                .isBetween(-DAY_MS - SLACK_MS, -DAY_MS + SLACK_MS);
        hub.awaitLine("gateway gw-e2e-skew clock is 1d0h behind; using hub-corrected times", Duration.ofSeconds(5));
        assertThat(hub.printedLines().stream().filter(p -> p.text().contains("clock is 1d0h behind")).count())
                .as("one warning per boot").isEqualTo(1);
    }

    private static long epochMs(JsonNode isoTime) {
        assertThat(isoTime.isTextual()).as("a time, got %s", isoTime).isTrue();
        return Instant.parse(isoTime.asText()).toEpochMilli();
    }

}
