package io.onegrid.e2e;

import static io.onegrid.e2e.ManagedProcess.freePort;
import static io.onegrid.e2e.ManagedProcess.java;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The built hub, simulator and gateway as processes of one test, on loopback ports chosen once, so that a part
 * killed and started again is found where the others expect it. Logs go to {@code target/e2e-logs/<name>},
 * emptied first so they show the last run only.
 */
final class Rig implements AutoCloseable {
    final String gatewayId;
    final String gatewaySecret;
    final String adminPassword;
    final int mqttPort;
    final int httpPort;
    final int gpioPort;
    private final Path root = Path.of(System.getProperty("onegrid.root", "..")).toAbsolutePath().normalize();
    private final Path work;
    private final Path logs;
    private final List<ManagedProcess> started = new ArrayList<>();

    Rig(Path work, String name, String gatewayId, String gatewaySecret, String adminPassword) throws IOException {
        this.work = work;
        this.gatewayId = gatewayId;
        this.gatewaySecret = gatewaySecret;
        this.adminPassword = adminPassword;
        this.mqttPort = freePort();
        this.httpPort = freePort();
        this.gpioPort = freePort();
        this.logs = Path.of(System.getProperty("onegrid.e2e.logs", root.resolve("e2e-tests/target/e2e-logs").toString()))
                .resolve(name);
        if (Files.isDirectory(logs)) {
            try (Stream<Path> old = Files.walk(logs)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
    }

    Path work() {
        return work;
    }

    Path logs() {
        return logs;
    }

    /** Starts a hub on this rig's ports and data folder (kept across restarts) without waiting for it. */
    ManagedProcess startHub(String name, String... extraArgs) {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", root.resolve("cloud-bridge/target/onegrid-hub.jar")
                .toString(), "--data-dir", work.resolve("hub").toString(), "--mqtt-port", String.valueOf(mqttPort),
                "--http-port", String.valueOf(httpPort), "--gateway", gatewayId + ":" + gatewaySecret));
        command.addAll(List.of(extraArgs));
        return track(ManagedProcess.start(name, logs, command, Map.of("ONEGRID_ADMIN_PASSWORD", adminPassword)));
    }

    static void awaitListening(ManagedProcess hub) {
        hub.awaitLine("MQTT listening on", Duration.ofSeconds(30));
        hub.awaitLine("HTTP listening on", Duration.ofSeconds(30));
    }

    /** Starts the simulator playing {@code scenario} and waits until its GPIO lines listen (the timeline starts then). */
    ManagedProcess startSim(Path scenario) {
        ManagedProcess sim = track(ManagedProcess.start("sim", logs, List.of(java(), "-jar",
                root.resolve("simulator/target/onegrid-sim.jar").toString(), "run", scenario.toString(),
                "--gpio-port", String.valueOf(gpioPort)), Map.of()));
        sim.awaitLine("GPIO lines listening on", Duration.ofSeconds(30));
        return sim;
    }

    /** One smoke detector per id ({@code smoke-<flat>}), each in its own flat of building bldg-7. */
    Path writeGatewayConfig(int hubPort, List<String> detectors) throws IOException {
        StringBuilder devices = new StringBuilder();
        for (String id : detectors) {
            devices.append("""
                      - id: %1$s
                        profile: smoke-detector-gpio
                        address: smoke=flat%2$s.smoke,siren=flat%2$s.siren
                        site: bldg-7
                        unit: "%2$s"
                    """.formatted(id, flat(id)));
        }
        return GatewayConfig.write(work, gatewayId, gatewaySecret, hubPort, gpioPort, devices.toString());
    }

    static String flat(String detector) {
        return detector.substring(detector.indexOf('-') + 1);
    }

    ManagedProcess startGateway(String name, Path config, String... jvmArgs) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(List.of(jvmArgs));
        command.addAll(List.of("-Donegrid.config=" + config, "-jar", root.resolve("gateway/target/onegrid-gateway.jar")
                .toString()));
        return track(ManagedProcess.start(name, logs, command, Map.of()));
    }

    private ManagedProcess track(ManagedProcess p) {
        synchronized (started) {
            started.add(p);
        }
        return p;
    }

    /** Stops everything still running, newest first (SIGTERM, then SIGKILL). */
    @Override
    public void close() throws InterruptedException {
        List<ManagedProcess> all;
        synchronized (started) {
            all = new ArrayList<>(started);
        }
        for (int i = all.size() - 1; i >= 0; i--) all.get(i).close();
    }
}
