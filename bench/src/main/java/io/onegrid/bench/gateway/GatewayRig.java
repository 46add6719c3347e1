package io.onegrid.bench.gateway;

import io.onegrid.bench.hub.HubIngestBench;
import io.onegrid.profile.ProfileCatalogs;
import io.onegrid.sim.Simulation;
import io.onegrid.sim.device.SimDevice;
import io.onegrid.sim.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One bench gateway and what it polls. The gateway is the assembled jar in its own process, started exactly as
 * {@code ./onegrid gateway} starts it: {@code java @gateway/config/jvm.options -Donegrid.config=FILE -jar
 * gateway/target/onegrid-gateway.jar}. The Modbus devices are the simulator jar in its own process, as the demo
 * and the end-to-end tests run it. The GPIO lines are the simulator's own line server and line bank in this JVM,
 * so that a bench flips a line ({@link #smoke}) on the clock it also reads the hub side with.
 */
final class GatewayRig implements AutoCloseable {
    private final Path root;
    private final Path jvmOptions;
    private final Fleet fleet;
    private final Path work;
    private final Path logs;
    private final Path profiles;
    private ChildProcess modbusSim;
    private int modbusPort;
    private Simulation gpio;
    private int gpioPort;
    private ChildProcess gateway;
    private Path storage;

    /**
     * @param logs       folder for the processes' output (kept after the run)
     * @param noDebounce give the gateway the catalog's smoke-detector profile with {@code debounce: 0s} instead of
     *                   50 ms (through {@code profiles.directory}, which replaces a built-in profile of the same id)
     */
    GatewayRig(Path root, Path jvmOptions, Fleet fleet, Path logs, boolean noDebounce) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.jvmOptions = jvmOptions.toAbsolutePath().normalize();
        this.fleet = fleet;
        this.logs = Files.createDirectories(logs);
        for (Path p : List.of(this.jvmOptions, gatewayJar(), simulatorJar())) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException(p + " is missing: build it with mvn -B -o -q package -pl bench,gateway/assembly -am "
                        + "-DskipTests (bench/run.sh does), or give --root the repository");
            }
        }
        this.work = Files.createTempDirectory("onegrid-bench-gateway");
        this.profiles = noDebounce ? writeNoDebounceProfile(Files.createDirectories(work.resolve("profiles"))) : null;
    }

    Path gatewayJar() {
        return root.resolve("gateway/target/onegrid-gateway.jar");
    }

    private Path simulatorJar() {
        return root.resolve("simulator/target/onegrid-sim.jar");
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    Fleet fleet() {
        return fleet;
    }

    void startSimulators() throws Exception {
        if (fleet.modbus() > 0) {
            Path scenario = Files.writeString(work.resolve("modbus-scenario.yaml"), fleet.modbusScenario());
            modbusSim = ChildProcess.start("simulator", List.of(java(), "-jar", simulatorJar().toString(), "run",
                    scenario.toString(), "--modbus-port", "0", "--gpio-port", "0"), logs.resolve("simulator.log"));
            modbusPort = Integer.parseInt(modbusSim.awaitLine("Modbus TCP listening on [^ ]+:(\\d+)", Duration.ofSeconds(60)));
        }
        if (fleet.smoke() > 0) {
            gpio = new Simulation(new ScenarioLoader(ProfileCatalogs.builtin()).parse("bench-gpio", fleet.gpioScenario()));
            gpioPort = gpio.startGpio("127.0.0.1", 0).orElseThrow().address().getPort();
        }
    }

    /** Starts a gateway on a fresh storage folder, against a hub at {@code hubPort} that need not listen yet. */
    ChildProcess startGateway(String name, int hubPort) throws IOException {
        storage = Files.createDirectories(work.resolve(name + "-storage"));
        return startGateway(name, hubPort, storage);
    }

    /** Starts a gateway on {@code storageDir}, which may hold an outbox.db prepared by the bench. */
    ChildProcess startGateway(String name, int hubPort, Path storageDir) throws IOException {
        if (gateway != null && gateway.alive()) throw new IllegalStateException("a bench gateway is running already");
        storage = storageDir;
        Path config = Files.writeString(work.resolve(name + ".yaml"),
                fleet.gatewayConfig(hubPort, modbusPort, gpioPort, storageDir, profiles));
        gateway = ChildProcess.start(name, List.of(java(), "@" + jvmOptions, "-Donegrid.config=" + config,
                "-jar", gatewayJar().toString()), logs.resolve(name + ".log"));
        return gateway;
    }

    /** A fresh storage folder for a gateway that is not started yet (to fill its outbox first). */
    Path newStorage(String name) throws IOException {
        return Files.createDirectories(work.resolve(name + "-storage"));
    }

    Path storage() {
        return storage;
    }

    /** SIGTERM, as a service manager stops it; waits until it is gone. */
    void stopGateway() throws InterruptedException {
        if (gateway != null) gateway.close();
    }

    /** The i-th smoke detector of the in-process GPIO simulation. */
    SimDevice smoke(int i) {
        return gpio.device(Fleet.smokeId(i));
    }

    String command(String configName) {
        return java() + " @" + jvmOptions + " -Donegrid.config=" + work.resolve(configName + ".yaml") + " -jar " + gatewayJar();
    }

    private static Path writeNoDebounceProfile(Path dir) throws IOException {
        String text;
        try (InputStream in = Objects.requireNonNull(GatewayRig.class.getClassLoader().getResourceAsStream(
                ProfileCatalogs.RESOURCE_FOLDER + "smoke-detector-gpio.yaml"), "built-in smoke-detector-gpio profile")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String changed = text.replace("debounce: 50ms", "debounce: 0s");
        if (changed.equals(text)) throw new IllegalStateException("the smoke-detector-gpio profile no longer says debounce: 50ms");
        Files.writeString(dir.resolve("smoke-detector-gpio.yaml"), changed);
        return dir;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            stopGateway();
        } finally {
            if (gpio != null) gpio.close();
            if (modbusSim != null) modbusSim.close();
            HubIngestBench.deleteTree(work);
        }
    }
}
