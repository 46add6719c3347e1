package io.onegrid.gateway.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the exported gateway/target/onegrid-gateway.jar as a real process against a test configuration. */
class GatewayJarIT {
    private static final String SECRET = "it-secret-never-logged";

    @TempDir
    Path work;

    private FakeGpioSimulator gpio;

    @BeforeEach
    void startGpioSimulator() throws IOException {
        gpio = new FakeGpioSimulator("flat302.smoke 1", "flat302.siren 0");
    }

    @AfterEach
    void stopGpioSimulator() throws IOException {
        gpio.close();
    }

    /** A port nothing listens on: the hub and the Modbus device are unreachable, which must not stop anything. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private Path writeConfig(String devicesYaml) throws IOException {
        String yaml = """
                gateway:
                  id: gw-it-01
                hub:
                  uri: tcp://127.0.0.1:%d
                  password: %s
                storage:
                  dir: ./state
                gpio:
                  backend: simulator
                  simulator: %s
                devices:
                %s""".formatted(closedPort(), SECRET, gpio.address(), devicesYaml);
        return Files.writeString(work.resolve("gateway.yaml"), yaml);
    }

    private static final String DEVICES = """
              - id: smoke-302
                profile: smoke-detector-gpio
                address: smoke=flat302.smoke,siren=flat302.siren
                site: bldg-7
                unit: "302"
              - id: hydrant-b7
                profile: hydrant-pressure-modbus
                address: 127.0.0.1:%d/1
                site: bldg-7
                area: pump-room
                overrides: {low-pressure.below: 0.10}
            """;

    /**
     * GIVEN the demo-like configuration WHEN the jar runs its self test THEN every bundle is up, every DS
     * component is active or satisfied (drivers, poller, edge rules, outbox, profile catalog, the uplink's
     * encoder and session, the command handlers) and the process exits 0; no file in the storage folder but
     * secrets/hub-password holds the secret (Configuration Admin's persisted configurations included).
     */
    @Test
    void selfTestFindsEveryBundleAndComponentUp() throws Exception {
        writeConfig(DEVICES.formatted(closedPort()));

        try (GatewayProcess gw = GatewayProcess.start(work, "onegrid.config=gateway.yaml", "onegrid.selftest=true",
                "onegrid.selftest.timeoutSeconds=30")) {
            int exit = gw.waitFor(90);

            String transcript = gw.transcript();
            assertThat(exit).as(transcript).isZero();
            assertThat(gw.out()).as(transcript)
                    .anyMatch(l -> l.startsWith("OneGrid gateway gw-it-01 started ("))
                    .anyMatch(l -> l.startsWith("SELFTEST PASS"))
                    .noneMatch(l -> l.endsWith("NOT UP"))
                    .contains("SELFTEST service io.onegrid.api.FieldDriver [io.onegrid.driver-gpio] onegrid.protocol=gpio")
                    .contains("SELFTEST service io.onegrid.api.FieldDriver [io.onegrid.driver-modbus] onegrid.protocol=modbus-tcp")
                    .contains("SELFTEST service io.onegrid.api.FieldDriver [io.onegrid.driver-modbus] onegrid.protocol=modbus-rtu")
                    .contains("SELFTEST service io.onegrid.api.FieldDriver [io.onegrid.driver-coap] onegrid.protocol=coap")
                    .anyMatch(l -> l.startsWith("SELFTEST service io.onegrid.api.DeviceRegistry"))
                    .anyMatch(l -> l.startsWith("SELFTEST service io.onegrid.profile.ProfileCatalog"))
                    .anyMatch(l -> l.startsWith("SELFTEST service io.onegrid.api.Outbox"))
                    .anyMatch(l -> l.startsWith("SELFTEST component io.onegrid.poller.PollerComponent") && l.contains("ACTIVE"))
                    .anyMatch(l -> l.startsWith("SELFTEST component io.onegrid.poller.DeviceComponent (io.onegrid.device~smoke-302)"))
                    .anyMatch(l -> l.startsWith("SELFTEST component io.onegrid.poller.DeviceComponent (io.onegrid.device~hydrant-b7)"))
                    // a delayed component: ACTIVE once the poller's listener whiteboard has taken it, which on a
                    // loaded machine can come after the snapshot; SATISFIED is up (SelfTestReport)
                    .anyMatch(l -> l.startsWith("SELFTEST component io.onegrid.rules.EdgeRulesComponent")
                            && (l.endsWith("ACTIVE") || l.endsWith("SATISFIED")))
                    .anyMatch(l -> l.startsWith("SELFTEST component io.onegrid.outbox.OutboxComponent") && l.endsWith("ACTIVE"))
                    .anyMatch(l -> l.startsWith("SELFTEST component io.onegrid.uplink.UplinkComponent") && l.endsWith("ACTIVE"))
                    .anyMatch(l -> l.startsWith("SELFTEST component io.onegrid.uplink.EncoderComponent") && l.endsWith("ACTIVE"))
                    .anyMatch(l -> l.startsWith("SELFTEST service io.onegrid.api.UplinkEncoder")
                            && l.endsWith(" [io.onegrid.uplink-mqtt]"))
                    // every command the hub may send has its handler, each where its capability lives
                    .contains("SELFTEST service io.onegrid.api.CommandHandler [io.onegrid.uplink-mqtt] onegrid.command=ping",
                            "SELFTEST service io.onegrid.api.CommandHandler [io.onegrid.uplink-mqtt] onegrid.command=status",
                            "SELFTEST service io.onegrid.api.CommandHandler [io.onegrid.poller] onegrid.command=read",
                            "SELFTEST service io.onegrid.api.CommandHandler [io.onegrid.poller] onegrid.command=write",
                            "SELFTEST service io.onegrid.api.CommandHandler [io.onegrid.gateway.config] onegrid.command=reload")
                    .anyMatch(l -> l.startsWith("SELFTEST component io.onegrid.uplink.CommandsComponent") && l.endsWith("ACTIVE"));
            assertThat(transcript).doesNotContain(SECRET);
            assertThat(work.resolve("state/outbox.db")).exists();
            assertThat(work.resolve("state/felix-cache")).isDirectory();
            // native libraries (jSerialComm) unpack into the data folder, never onto a read-only root
            assertThat(work.resolve("state/tmp")).isDirectory();
            assertSecretOnlyInItsFile(work.resolve("state"));
        }
    }

    /**
     * Reads every file under the gateway's storage folder (felix-cache, where Configuration Admin persists
     * its configurations, included) byte by byte: the secret may be in secrets/hub-password alone, which
     * only the gateway's user may read (rw-------, in a rwx------ folder).
     */
    private static void assertSecretOnlyInItsFile(Path storage) throws IOException {
        Path secretFile = storage.resolve("secrets/hub-password");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(storage)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        List<Path> holding = new ArrayList<>();
        List<Path> namingTheFile = new ArrayList<>();
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            if (contains(bytes, SECRET.getBytes(StandardCharsets.UTF_8))) holding.add(f);
            if (f.startsWith(storage.resolve("felix-cache")) && contains(bytes, "passwordFile".getBytes(StandardCharsets.UTF_8))) {
                namingTheFile.add(f);
            }
        }

        assertThat(holding).as("files under " + storage + " holding the secret").containsExactly(secretFile);
        assertThat(namingTheFile).as("Configuration Admin's persisted uplink configuration (the walk found it)").isNotEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile.getParent()))).isEqualTo("rwx------");
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return true;
        }
        return false;
    }

    /**
     * GIVEN a running gateway (storage moved by onegrid.storage) THEN its uplink has read the password from
     * its file; WHEN a device is added to and then removed from the file THEN its factory configuration is
     * created and deleted live, and a broken edit is logged with its line; WHEN SIGTERM arrives THEN the
     * framework stops cleanly, and after a whole run with live edits the secret is still only in its own file.
     */
    @Test
    void appliesLiveEditsAndStopsCleanlyOnSigterm() throws Exception {
        Path config = writeConfig(DEVICES.formatted(closedPort()));

        try (GatewayProcess gw = GatewayProcess.start(work, "onegrid.config=gateway.yaml", "onegrid.storage=run-b")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> gw.printed("OneGrid gateway gw-it-01 started"));
            // The uplink got a password, so it found the file Configuration Admin named (property names agree).
            await().atMost(Duration.ofSeconds(20)).until(() -> gw.out().stream().anyMatch(l ->
                    l.contains("uplink starting: UplinkSettings[gatewayId=gw-it-01") && l.contains("password=(set)")));
            assertThat(work.resolve("run-b/outbox.db")).exists();
            assertThat(work.resolve("run-b/felix-cache")).isDirectory();
            assertThat(work.resolve("state")).doesNotExist();

            String withDoor = Files.readString(config) + """
                      - id: door-305
                        profile: door-contact-gpio
                        address: open=flat305.door
                        site: bldg-7
                        unit: "305"
                    """;
            Files.writeString(config, withDoor);
            await().atMost(Duration.ofSeconds(20)).until(() -> gw.printed("created [io.onegrid.device~door-305]"));

            Files.writeString(config, withDoor.replace("profile: door-contact-gpio", "profile: Door Contact"));
            await().atMost(Duration.ofSeconds(20)).until(() -> gw.out().stream()
                    .anyMatch(l -> l.contains("gateway.yaml:") && l.contains("profile 'Door Contact' is not a profile id")));

            Files.writeString(config, withDoor.substring(0, withDoor.indexOf("  - id: door-305")));
            await().atMost(Duration.ofSeconds(20)).until(() -> gw.printed("deleted [io.onegrid.device~door-305]"));

            gw.terminate();
            int exit = gw.waitFor(30);
            assertThat(exit).as(gw.transcript()).isEqualTo(143);
            assertThat(gw.out()).as(gw.transcript()).contains("OneGrid gateway stopping", "OneGrid gateway stopped");
            assertThat(gw.transcript()).doesNotContain(SECRET);
            assertSecretOnlyInItsFile(work.resolve("run-b"));
        }
    }

    /** A bad configuration file stops the gateway before any bundle starts: exit 2, file and line named. */
    @Test
    void refusesABadConfigurationFile() throws Exception {
        Files.writeString(work.resolve("gateway.yaml"), "gateway:\n  id: gw-it-01\nhub:\n  url: tcp://x:1\nstorage:\n  dir: s\n");

        try (GatewayProcess gw = GatewayProcess.start(work, "onegrid.config=gateway.yaml")) {
            int exit = gw.waitFor(30);

            assertThat(exit).as(gw.transcript()).isEqualTo(2);
            assertThat(gw.err()).as(gw.transcript())
                    .anyMatch(l -> l.contains("gateway.yaml:4:3: unknown key 'url' in hub"))
                    .anyMatch(l -> l.contains("gateway.yaml:4:3: hub needs 'uri'"));
            assertThat(work.resolve("s")).doesNotExist();
        }
    }
}
