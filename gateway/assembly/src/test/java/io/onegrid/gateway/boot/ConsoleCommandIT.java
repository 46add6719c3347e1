package io.onegrid.gateway.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the exported gateway jar with one GPIO device and no reachable hub, and asks it through
 * {@code onegrid-gateway console} (the same jar's boot command) what the hub's commands would answer.
 */
class ConsoleCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private FakeGpioSimulator gpio;

    @BeforeEach
    void startGpioSimulator() throws IOException {
        gpio = new FakeGpioSimulator("flat302.smoke 0", "flat302.siren 0");
    }

    @AfterEach
    void stopGpioSimulator() throws IOException {
        gpio.close();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void writeConfig() throws IOException {
        Files.writeString(work.resolve("gateway.yaml"), """
                gateway:
                  id: gw-console-it
                hub:
                  uri: tcp://127.0.0.1:%d
                  password: console-it
                storage:
                  dir: ./state
                gpio:
                  backend: simulator
                  simulator: %s
                devices:
                  - id: smoke-302
                    profile: smoke-detector-gpio
                    address: smoke=flat302.smoke,siren=flat302.siren
                    site: bldg-7
                    unit: "302"
                """.formatted(closedPort(), gpio.address()));
    }

    private GatewayProcess console(String... args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = "console";
        System.arraycopy(args, 0, all, 1, args.length);
        GatewayProcess p = GatewayProcess.run(work, all);
        p.waitFor(60);
        return p;
    }

    private JsonNode json(String... args) throws Exception {
        GatewayProcess p = console(args);
        assertThat(p.waitFor(1)).as(p.transcript()).isZero();
        return JSON.readTree(String.join("\n", p.out()));
    }

    /**
     * GIVEN a running gateway with one GPIO device and no hub WHEN status, devices and outbox are asked through the
     * console THEN each answers what the gateway knows (its id, the device online with its last values, the
     * outbox's depth and quarantine), as a table and as JSON, on a socket only the gateway's user and group reach.
     */
    @Test
    void statusDevicesAndOutboxFromARunningGateway() throws Exception {
        writeConfig();
        Path socket = work.resolve("state/console.sock");
        try (GatewayProcess gw = GatewayProcess.start(work, "onegrid.config=gateway.yaml")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(socket));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-rw----");

            JsonNode status = json("status", "--config", "gateway.yaml", "--json");
            assertThat(status.get("ok").asBoolean()).as(status.toString()).isTrue();
            assertThat(status.at("/result/devicesTotal").asInt()).isEqualTo(1);

            // the GPIO device reports once its driver has the simulator's snapshot
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode devices = json("devices", "--socket", socket.toString(), "--json");
                JsonNode smoke = devices.at("/result/devices/0");
                assertThat(smoke.get("device").asText()).isEqualTo("smoke-302");
                assertThat(smoke.get("state").asText()).isEqualTo("ok");
                assertThat(smoke.get("values").toString()).contains("\"channel\":\"smoke\"");
            });
            GatewayProcess table = console("devices", "--config", "gateway.yaml");
            assertThat(table.waitFor(1)).as(table.transcript()).isZero();
            assertThat(table.out()).as(table.transcript()).anyMatch(l -> l.startsWith("DEVICE"))
                    .anyMatch(l -> l.startsWith("smoke-302") && l.contains("ok") && l.contains("smoke="));

            JsonNode outbox = json("outbox", "--config", "gateway.yaml", "--json");
            assertThat(outbox.at("/result/quarantined").asLong()).isZero();
            assertThat(outbox.at("/result").has("pending")).isTrue();
            assertThat(outbox.at("/result").has("oldestPendingAgeMs")).isTrue();

            GatewayProcess unknown = console("read", "no-such-device", "--config", "gateway.yaml");
            assertThat(unknown.waitFor(1)).isEqualTo(1);
            assertThat(unknown.err()).as(unknown.transcript()).anyMatch(l -> l.contains("unknown_device"));
        }
    }

    /** GIVEN no gateway running WHEN the console is asked THEN it says so and exits 1; a bad option exits 2. */
    @Test
    void noGatewayIsExitOneAndUsageIsTwo() throws Exception {
        writeConfig();
        GatewayProcess none = console("status", "--config", "gateway.yaml");
        assertThat(none.waitFor(1)).as(none.transcript()).isEqualTo(1);
        assertThat(none.err()).anyMatch(l -> l.contains("not running"));

        GatewayProcess usage = console("status", "--bogus");
        assertThat(usage.waitFor(1)).as(usage.transcript()).isEqualTo(2);
    }
}
