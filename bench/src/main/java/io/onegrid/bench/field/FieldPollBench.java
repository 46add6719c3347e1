package io.onegrid.bench.field;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import io.onegrid.driver.coap.CoapDriver;
import io.onegrid.driver.coap.CoapSettings;
import io.onegrid.driver.modbus.BusSettings;
import io.onegrid.driver.modbus.ModbusRtuDriver;
import io.onegrid.driver.modbus.ModbusTcpDriver;
import io.onegrid.driver.modbus.ReadPlanner;
import io.onegrid.driver.modbus.RtuBus;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.sim.coap.CoapSimServer;
import io.onegrid.sim.device.SimDevice;
import io.onegrid.testing.SocatPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Field-side throughput through the gateway's own drivers, each against a reference measured in the same run:
 * <ul>
 * <li>Modbus RTU reads per second of 10 holding registers at 9600 and 19200 baud 8N1 through a socat pty pair, the
 *     simulator holding every answer for the line time of its baud rate, against the physical ceiling (request 8
 *     bytes + answer 25 bytes + two 3.5-character silences: 41.7 ms at 9600, so ~24 reads/s). Target ≥ 90 %.</li>
 * <li>Modbus TCP polls per second on loopback (the simulator's digitalpetri server), against a bare j2mod master
 *     reading the same registers in a loop.</li>
 * <li>CoAP polls per second on loopback (the simulator's Californium server), against a bare Californium client GET
 *     loop; and CoAP observe: the simulator changes a value → the reading reaches the driver's sink, p50/p99.</li>
 * </ul>
 * The Modbus devices run in the simulator's own process (onegrid-sim.jar), the CoAP server in this JVM so that the
 * change and its reading are timed on one clock.
 */
@Command(name = "FieldPollBench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Modbus RTU/TCP and CoAP polls per second and CoAP observe latency through the gateway's drivers.",
                "Run from the repository root after: mvn -B -o -q package -pl bench,simulator -am -DskipTests"})
public final class FieldPollBench implements Callable<Integer> {
    @Option(names = "--root", description = "repository root (default: ${DEFAULT-VALUE})")
    Path root = Path.of(".");
    @Option(names = "--duration-s", description = "seconds measured per case (default: ${DEFAULT-VALUE})")
    int durationS = 10;
    @Option(names = "--observe-samples", description = "value changes timed for CoAP observe (default: ${DEFAULT-VALUE})")
    int observeSamples = 300;
    @Option(names = "--only", split = ",", description = "some of: rtu, tcp, coap, observe (default: all)")
    List<String> only = List.of("rtu", "tcp", "coap", "observe");

    /** Seconds of back-to-back CoAP requests: well inside one endpoint's message-id space (see coap()). */
    private static final int COAP_BURST_S = 5;

    private Path work;
    private Path profiles;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FieldPollBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        work = Files.createTempDirectory("onegrid-field-bench");
        profiles = BenchProfiles.write(work.resolve("profiles"));
        System.out.println("Field bench: " + durationS + " s per case; load " + Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println();
        if (only.contains("rtu")) {
            System.out.println("| Modbus RTU, 10 holding registers, 8N1 | reads/s, gateway driver | physical ceiling | ratio | target ≥ 0.90 | BAD reads |");
            System.out.println("|---|---:|---:|---:|---|---:|");
            rtu(9600);
            rtu(19200);
            System.out.println();
        }
        if (only.contains("tcp")) tcp();
        if (only.contains("coap") || only.contains("observe")) coap();
        if (firstProblem != null) System.out.println("First BAD reading: " + firstProblem);
        return 0;
    }

    /** One read: 8 + 25 bytes and two 3.5-character silences, 10 bits a character. */
    static double ceilingPerSecond(int baud) {
        double chars = 8 + (5 + 2 * 10) + 2 * 3.5;
        return baud / (chars * 10);
    }

    private void rtu(int baud) throws Exception {
        Path dir = Files.createDirectories(work.resolve("rtu-" + baud));
        Path scenario = dir.resolve("scenario.yaml");
        Files.writeString(scenario, "name: bench-rtu\nbuses:\n  - {name: riser, baud: " + baud + ", parity: none}\n"
                + "devices:\n  - {id: m, profile: " + BenchProfiles.RTU + ", modbus: {unit: 1, bus: riser}, initial: {r0: 1, r9: 9}}\n");
        try (SocatPair line = new SocatPair(dir);
             SimProcess sim = SimProcess.start(root, dir, scenario, profiles, "--modbus-rtu", line.a.toString())) {
            sim.awaitLine("Modbus RTU bus riser on");
            DeviceProfile profile = BenchProfiles.load(profiles, BenchProfiles.RTU);
            RtuBus bus = RtuBus.open(BusSettings.serial("riser", line.b.toString(), baud, BusSettings.Parity.NONE));
            try (ModbusRtuDriver driver = ModbusRtuDriver.of(GatewayClock.SYSTEM, List.of(bus))) {
                DeviceConnection c = driver.connect(new DeviceRef("m", profile.id(), "1", "riser", null, null), profile, r -> { });
                Rate rate = loop(() -> count(c.poll()));
                double ceiling = ceilingPerSecond(baud);
                double ratio = rate.perSecond() / ceiling;
                System.out.printf(Locale.ROOT, "| %d baud | %.1f | %.1f | **%.2f** | %s | %d |%n", baud, rate.perSecond(), ceiling,
                        ratio, ratio >= 0.9 ? "met" : "missed", rate.bad());
                c.close();
            }
        }
    }

    private void tcp() throws Exception {
        Path dir = Files.createDirectories(work.resolve("tcp"));
        Path scenario = dir.resolve("scenario.yaml");
        Files.writeString(scenario, "name: bench-tcp\ndevices:\n  - {id: m, profile: " + BenchProfiles.TCP
                + ", modbus: {unit: 1}, initial: {r0: 1, r9: 9}}\n");
        int port = freePort();
        try (SimProcess sim = SimProcess.start(root, dir, scenario, profiles, "--modbus-port", String.valueOf(port))) {
            sim.awaitLine("Modbus TCP listening on");
            DeviceProfile profile = BenchProfiles.load(profiles, BenchProfiles.TCP);
            Rate gateway;
            try (ModbusTcpDriver driver = new ModbusTcpDriver(GatewayClock.SYSTEM, new ReadPlanner())) {
                DeviceConnection c = driver.connect(new DeviceRef("m", profile.id(), "127.0.0.1:" + port + "/1", null, null, null),
                        profile, r -> { });
                gateway = loop(() -> count(c.poll()));
                c.close();
            }
            ModbusTCPMaster master = new ModbusTCPMaster("127.0.0.1", port, 1000, false);
            master.connect();
            Rate bare;
            try {
                bare = loop(() -> master.readMultipleRegisters(1, 0, 10).length == 10 ? 0 : 1);
            } finally {
                master.disconnect();
            }
            System.out.println("| Modbus TCP on loopback, 10 holding registers | polls/s | ratio to bare j2mod | BAD reads |");
            System.out.println("|---|---:|---:|---:|");
            System.out.printf(Locale.ROOT, "| bare j2mod master (reference) | %.0f | 1.00 | %d |%n", bare.perSecond(), bare.bad());
            System.out.printf(Locale.ROOT, "| gateway driver (plan, decode, readings) | %.0f | **%.2f** | %d |%n%n", gateway.perSecond(),
                    gateway.perSecond() / bare.perSecond(), gateway.bad());
        }
    }

    private void coap() throws Exception {
        DeviceProfile profile = BenchProfiles.load(profiles, BenchProfiles.COAP);
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
        SimDevice device = new SimDevice("s", profile, Map.of("temperature", 21.5, "level", 0.0));
        try (CoapSimServer server = new CoapSimServer(device, "127.0.0.1", 0, executor).start();
             CoapDriver driver = new CoapDriver(CoapSettings.defaults(), GatewayClock.SYSTEM)) {
            String uri = "coap://127.0.0.1:" + server.address().getPort();
            Map<Double, Long> arrived = new ConcurrentHashMap<>();
            DeviceConnection c = driver.connect(new DeviceRef("s", profile.id(), uri, null, null, null), profile,
                    readings -> {
                        long now = System.nanoTime();
                        for (Reading r : readings) {
                            if (r.channel().equals("level") && r.value() instanceof Double d) arrived.putIfAbsent(d, now);
                        }
                    });
            if (only.contains("coap")) {
                // One CoAP endpoint has 65 536 message ids, each held for the exchange lifetime (247 s): back-to-back
                // confirmable requests exhaust them after ~18 s at these rates, so CoAP is measured in bursts
                Rate gateway = loop(() -> count(c.poll()), COAP_BURST_S);
                CoapClient client = new CoapClient(uri + "/polled");
                client.setTimeout(1000L);
                Rate bare;
                try {
                    bare = loop(() -> {
                        CoapResponse response = client.get();
                        return response != null && response.isSuccess() ? 0 : 1;
                    }, COAP_BURST_S);
                } finally {
                    client.shutdown();
                }
                System.out.println("| CoAP on loopback, confirmable GET of one JSON resource, " + COAP_BURST_S + " s bursts | polls/s | ratio to bare Californium | BAD reads |");
                System.out.println("|---|---:|---:|---:|");
                System.out.printf(Locale.ROOT, "| bare Californium CoapClient (reference) | %.0f | 1.00 | %d |%n", bare.perSecond(), bare.bad());
                System.out.printf(Locale.ROOT, "| gateway driver (GET, JSON pointer, transform; the observed resource kept alive) | %.0f | **%.2f** | %d |%n%n",
                        gateway.perSecond(), gateway.perSecond() / bare.perSecond(), gateway.bad());
            } else {
                c.poll(); // registers the observation
            }
            if (only.contains("observe")) observe(device, arrived);
            c.close();
        } finally {
            executor.shutdownNow();
        }
    }

    private void observe(SimDevice device, Map<Double, Long> arrived) throws InterruptedException {
        long[] latencies = new long[observeSamples];
        int lost = 0;
        for (int i = 0; i < observeSamples + 20; i++) {
            double value = 1000 + i;
            long set = System.nanoTime();
            device.set("level", value);
            long deadline = set + Duration.ofSeconds(2).toNanos();
            while (!arrived.containsKey(value) && System.nanoTime() < deadline) Thread.onSpinWait();
            Long at = arrived.get(value);
            if (i >= 20) {
                if (at == null) lost++;
                latencies[i - 20] = at == null ? Long.MAX_VALUE : at - set;
            }
            Thread.sleep(10);
        }
        Arrays.sort(latencies);
        int n = observeSamples - lost;
        System.out.println("| CoAP observe: value changed at the simulator → reading at the driver's sink | samples | p50 | p99 | max | lost |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        System.out.printf(Locale.ROOT, "| confirmable notifications on loopback | %d | %.2f ms | %.2f ms | %.2f ms | %d |%n%n", n,
                ms(latencies[n / 2]), ms(latencies[Math.max(0, (int) Math.ceil(n * 0.99) - 1)]), ms(latencies[Math.max(0, n - 1)]), lost);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** A poll that returns its number of BAD readings. */
    private interface Poll {
        int run() throws Exception;
    }

    private record Rate(long polls, long bad, double seconds) {
        double perSecond() {
            return polls / seconds;
        }
    }

    /** Polls back to back: one second of warm-up, then {@code durationS} seconds measured. */
    private Rate loop(Poll poll) throws Exception {
        return loop(poll, durationS);
    }

    private Rate loop(Poll poll, int seconds) throws Exception {
        long warm = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warm) poll.run();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long polls = 0;
        long bad = 0;
        while (System.nanoTime() < end) {
            bad += poll.run();
            polls++;
        }
        return new Rate(polls, bad, (System.nanoTime() - start) / 1e9);
    }

    /** The first problem a BAD reading gave in this run, for the notes under the tables. */
    private static volatile String firstProblem;

    private static int count(List<Reading> readings) {
        int bad = 0;
        for (Reading r : readings) {
            if (r.quality() != Quality.GOOD) {
                bad++;
                if (firstProblem == null) firstProblem = r.channel() + ": " + r.problem();
            }
        }
        return bad;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
