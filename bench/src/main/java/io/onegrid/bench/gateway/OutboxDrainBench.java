package io.onegrid.bench.gateway;

import io.onegrid.bench.Latencies;
import io.onegrid.bench.Payloads;
import io.onegrid.bench.gateway.Arrivals.Arrival;
import io.onegrid.bench.hub.AckAtOnceServer;
import io.onegrid.bench.hub.HubTarget;
import io.onegrid.bench.hub.IngestTarget;
import io.onegrid.hub.config.GatewayCredential;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.MessageKind;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Outbox drain after an outage: the gateway's outbox holds what an outage of {@code --backlog-minutes} leaves with the
 * 50-device mix (its telemetry rate measured first, in this run, at a receiver, unless given), the gateway runs
 * for {@code --outage-s} with no hub, then the hub comes up on the port it keeps trying and the gateway drains.
 * Measured on the hub side: messages/s from the first to the last message of the backlog, whether every alarm came
 * before the first telemetry, and (read from the gateway's outbox.db beside it) when its backlog rows were gone.
 * Two hubs in the same run: an MQTT server that acknowledges at once (the reference: the gateway's own limit) and
 * the real hub with its shipped defaults, which acknowledges after its commit. Target (issue 6): ≥ 10,000 msg/s.
 */
@Command(name = "OutboxDrainBench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Drain rate of the gateway jar's outbox after an outage with a full backlog, into an acknowledge-at-once "
                + "MQTT receiver (reference) and into the real hub, and whether alarms arrive first.",
                "Run from the repository root after: mvn -B -o -q package -pl bench,gateway/assembly -am -DskipTests"})
public final class OutboxDrainBench implements Callable<Integer> {
    @Option(names = "--root", description = "repository root (default: ${DEFAULT-VALUE})")
    Path root = Path.of(".");
    @Option(names = "--jvm-options", description = "JVM argument file (default: ROOT/gateway/config/jvm.options, the launcher's)")
    Path jvmOptions;
    @Option(names = "--modbus", description = "Modbus TCP devices (default: ${DEFAULT-VALUE})")
    int modbus = 40;
    @Option(names = "--smoke", description = "GPIO smoke detectors (default: ${DEFAULT-VALUE})")
    int smoke = 10;
    @Option(names = "--backlog-minutes", split = ",", description = "the outages the backlogs stand for, each drained into "
            + "every target; the long one shows the rate once the drain is warm (default: ${DEFAULT-VALUE})")
    List<Double> minutes = List.of(10.0, 120.0);
    @Option(names = "--telemetry-rate", description = "telemetry messages/s of the configuration (default: measured first)")
    Double rate;
    @Option(names = "--readings", description = "readings per telemetry message (default: measured first)")
    Integer readings;
    @Option(names = "--rate-s", description = "seconds the telemetry rate is measured over, after 10 s (default: ${DEFAULT-VALUE})")
    int rateS = 30;
    @Option(names = "--alarms", description = "alarm raises and clears in the backlog (default: ${DEFAULT-VALUE})")
    int alarms = 20;
    @Option(names = "--outage-s", description = "seconds the gateway runs without a hub before it comes up (default: ${DEFAULT-VALUE})")
    int outageS = 5;
    @Option(names = "--targets", split = ",", description = "receiver (ack at once), hub (default: ${DEFAULT-VALUE})")
    List<String> targets = List.of("receiver", "hub");
    @Option(names = "--logs", description = "folder for the processes' output (default: ROOT/bench/target/gateway-logs/drain)")
    Path logs;

    /** One drain. */
    private record Drain(String target, double minutes, Backlog.Filled backlog, double reconnectS, double firstS, double rate, double emptyS,
                         int alarmsBeforeTelemetry, boolean alarmsFirst, int missing, int duplicates, Latencies gaps,
                         double cpuSeconds, double wallSeconds, String problems) { }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.exit(new CommandLine(new OutboxDrainBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path options = jvmOptions != null ? jvmOptions : root.resolve("gateway/config/jvm.options");
        Fleet fleet = new Fleet(modbus, smoke);
        String loadBefore = Bench.loadAverage();
        List<Drain> drains = new ArrayList<>();
        String rateNote;
        try (GatewayRig rig = new GatewayRig(root, options, fleet, logs != null ? logs : root.resolve("bench/target/gateway-logs/drain"), false)) {
            rig.startSimulators();
            if (rate == null || readings == null) {
                double[] measured = measureTelemetry(rig);
                rateNote = String.format(Locale.ROOT, "measured in this run over %d s (after 10 s): %.2f msg/s of %.1f readings", rateS,
                        measured[0], measured[1]);
                if (rate == null) rate = measured[0];
                if (readings == null) readings = (int) Math.round(measured[1]);
            } else {
                rateNote = "given";
            }
            for (double m : minutes) {
                int telemetry = (int) Math.round(rate * m * 60);
                for (String t : targets) drains.add(drain(rig, t, m, telemetry));
            }
        }
        report(fleet, options, drains, rateNote, loadBefore);
        return 0;
    }

    /** {telemetry messages/s, readings per message} of this configuration at a receiver, after the start's burst. */
    private double[] measureTelemetry(GatewayRig rig) throws Exception {
        Arrivals arrivals = new Arrivals();
        try (AckAtOnceServer receiver = new AckAtOnceServer(0, arrivals.observer())) {
            rig.startGateway("gateway-rate", receiver.mqttPort());
            Thread.sleep(10_000);
            long from = System.nanoTime();
            Thread.sleep(rateS * 1000L);
            long to = System.nanoTime();
            rig.stopGateway();
            List<Arrival> tele = arrivals.list().stream()
                    .filter(a -> a.kind() == MessageKind.TELEMETRY && a.nanos() >= from && a.nanos() < to).toList();
            double perMessage = tele.stream().mapToInt(a -> ((Body.Telemetry) a.envelope().body()).readings().size()).average().orElse(1);
            return new double[] {tele.size() / ((to - from) / 1e9), perMessage};
        }
    }

    private Drain drain(GatewayRig rig, String target, double outageMinutes, int telemetry) throws Exception {
        String name = String.format(Locale.ROOT, "gateway-drain-%.0fmin-%s", outageMinutes, target);
        Path storage = rig.newStorage(name);
        Path db = storage.resolve("outbox.db");
        Backlog.Filled backlog = Backlog.fill(db, Fleet.GATEWAY_ID, telemetry, readings, alarms);
        int port = freePort();
        Arrivals arrivals = new Arrivals();
        ChildProcess gw = rig.startGateway(name, port, storage);
        gw.awaitLine("OneGrid gateway \\S+ started", Duration.ofSeconds(60));
        Thread.sleep(outageS * 1000L);
        long up;
        double cpu;
        double wall;
        double emptyS = Double.NaN;
        String problems;
        try (IngestTarget hub = switch (target) {
            case "receiver" -> new AckAtOnceServer(port, arrivals.observer());
            case "hub" -> new HubTarget(List.of(new GatewayCredential(Fleet.GATEWAY_ID, Fleet.GATEWAY_SECRET)), port,
                    arrivals::recordingStore);
            default -> throw new CommandLine.ParameterException(new CommandLine(this), "--targets: receiver or hub, not " + target);
        }) {
            up = System.nanoTime();
            long deadline = up + 120_000_000_000L;
            double cpu0 = Double.NaN;
            long since = 0;
            while (System.nanoTime() < deadline && gw.alive()) {
                List<Arrival> got = arrivals.list();
                if (since == 0 && !got.isEmpty()) {
                    // the session is up: the gateway's CPU from here on is the drain's (and its polling, a few per cent)
                    since = System.nanoTime();
                    cpu0 = ProcStats.cpuSeconds(gw.pid());
                }
                if (backlogArrived(got) >= backlog.messages()) break;
                Thread.sleep(5);
            }
            cpu = ProcStats.cpuSeconds(gw.pid()) - cpu0;
            wall = (System.nanoTime() - since) / 1e9;
            // the gateway deletes a row once its PUBACK is in; poll its file until the backlog's rows are gone
            long emptyBy = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < emptyBy) {
                if (Backlog.left(db, backlog.lastId()) == 0) {
                    emptyS = (System.nanoTime() - up) / 1e9;
                    break;
                }
                Thread.sleep(5);
            }
            rig.stopGateway();
            problems = hub.problems();
        }
        return measure(target, outageMinutes, backlog, arrivals.list(), up, emptyS, cpu, wall, problems, gw);
    }

    private static long backlogArrived(List<Arrival> got) {
        return got.stream().filter(a -> Payloads.BOOT.equals(a.envelope().bootId())).map(a -> a.envelope().seq()).distinct().count();
    }

    private static Drain measure(String target, double outageMinutes, Backlog.Filled backlog, List<Arrival> got, long up, double emptyS,
                                 double cpu, double wall, String problems, ChildProcess gw) {
        List<Arrival> queued = got.stream().filter(a -> a.kind() == MessageKind.ALARM || a.kind() == MessageKind.TELEMETRY
                || a.kind() == MessageKind.EVENT).toList();
        long reconnect = got.stream().filter(a -> a.kind() == MessageKind.BIRTH).mapToLong(Arrival::nanos).min().orElse(Long.MIN_VALUE);
        int last = -1;
        Set<Long> seen = new HashSet<>();
        int duplicates = 0;
        for (int i = 0; i < queued.size(); i++) {
            if (!Payloads.BOOT.equals(queued.get(i).envelope().bootId())) continue;
            last = i;
            if (!seen.add(queued.get(i).envelope().seq())) duplicates++;
        }
        int firstTelemetry = indexOf(queued, MessageKind.TELEMETRY);
        int lastAlarm = -1;
        int alarmsBefore = 0;
        for (int i = 0; i < queued.size(); i++) {
            if (queued.get(i).kind() != MessageKind.ALARM) continue;
            lastAlarm = i;
            if (firstTelemetry < 0 || i < firstTelemetry) alarmsBefore++;
        }
        Latencies gaps = new Latencies();
        for (int i = 1; i <= last; i++) gaps.add(queued.get(i).nanos() - queued.get(i - 1).nanos());
        double rate = Double.NaN;
        double firstS = Double.NaN;
        if (!queued.isEmpty() && last > 0) {
            firstS = (queued.get(0).nanos() - up) / 1e9;
            rate = last / ((queued.get(last).nanos() - queued.get(0).nanos()) / 1e9);
        }
        // its failed connects during the outage are expected; anything else it warns about is reported
        List<String> warnings = gw.linesMatching(" (WARN|ERROR) ").stream().filter(l -> !l.contains("cannot connect to hub")).toList();
        String p = problems + (warnings.isEmpty() ? ""
                : (problems.isEmpty() ? "" : "; ") + "gateway logged " + warnings.size() + " WARN/ERROR lines (first: `" + warnings.get(0).strip() + "`)");
        return new Drain(target, outageMinutes, backlog, reconnect == Long.MIN_VALUE ? Double.NaN : (reconnect - up) / 1e9, firstS, rate, emptyS,
                alarmsBefore, lastAlarm < firstTelemetry || firstTelemetry < 0, backlog.messages() - seen.size(), duplicates, gaps, cpu, wall, p);
    }

    private static int indexOf(List<Arrival> list, MessageKind kind) {
        for (int i = 0; i < list.size(); i++) if (list.get(i).kind() == kind) return i;
        return -1;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void report(Fleet fleet, Path options, List<Drain> drains, String rateNote, String loadBefore) {
        Backlog.Filled b = drains.get(0).backlog();
        System.out.printf(Locale.ROOT, "Outbox drain after an outage: %s; telemetry %.2f msg/s of %d readings (%s); each backlog = "
                        + "rate × outage telemetry messages + %d alarm transitions spread among them, written through SqliteOutbox "
                        + "(%.1f s for the first); the gateway then runs %d s without a hub; in-flight window: the uplink's default "
                        + "16; JVM flags %s; %s%n%n", fleet, rate, readings, rateNote, b.alarms(), b.seconds(), outageS, options,
                Bench.javaVersion());
        System.out.println("| outage | hub side | backlog | hub up → birth | hub up → first message | drain rate, first → last "
                + "backlog message | hub up → backlog rows gone from outbox.db | alarms before the first telemetry | missing / "
                + "duplicates | ≥ 10,000 msg/s |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---|---:|---|");
        for (Drain d : drains) {
            System.out.printf(Locale.ROOT, "| %.0f min | %s | %,d | %.2f s | %.2f s | %,.0f msg/s | %.2f s | %s (%d of %d) | %d / %d | %s |%n",
                    d.minutes(), d.target().equals("hub") ? "real hub (stored, then acked; timed at its commit)"
                            : "receiver (acks at once; timed at arrival)",
                    d.backlog().messages(), d.reconnectS(), d.firstS(), d.rate(), d.emptyS(), d.alarmsFirst() ? "yes" : "**no**",
                    d.alarmsBeforeTelemetry(), d.backlog().alarms(), d.missing(), d.duplicates(), Bench.yes(d.rate() >= 10_000));
        }
        System.out.println();
        for (double m : minutes) {
            Drain ref = find(drains, m, "receiver");
            Drain hub = find(drains, m, "hub");
            if (ref != null && hub != null) {
                System.out.printf(Locale.ROOT, "- %.0f min: ratio hub / receiver **%.2f** (%,.0f / %,.0f msg/s)%n", m, hub.rate() / ref.rate(),
                        hub.rate(), ref.rate());
            }
        }
        for (Drain d : drains) {
            System.out.printf(Locale.ROOT, "- %.0f min, %s: %,d payload bytes; time between two backlog messages p50 / p99 / max %s; gateway "
                            + "CPU from its birth to the last backlog message %.2f s in %.2f s (%.0f%% of one core, %.2f ms per backlog "
                            + "message)%s%n", d.minutes(), d.target(), d.backlog().payloadBytes(), d.gaps().cells().replace(" | ", " / "),
                    d.cpuSeconds(), d.wallSeconds(), 100 * d.cpuSeconds() / d.wallSeconds(), 1000 * d.cpuSeconds() / d.backlog().messages(),
                    d.problems().isEmpty() ? "" : "; " + d.problems());
        }
        System.out.println("- hub up → birth is the gateway's reconnect backoff (1 s doubling, jittered), not part of the drain");
        System.out.println("- load average before / after: " + loadBefore + " / " + Bench.loadAverage());
    }

    private static Drain find(List<Drain> drains, double minutes, String target) {
        return drains.stream().filter(d -> d.minutes() == minutes && d.target().equals(target)).findFirst().orElse(null);
    }
}
