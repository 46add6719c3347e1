package io.onegrid.bench.gateway;

import io.onegrid.bench.gateway.Arrivals.Arrival;
import io.onegrid.bench.hub.AckAtOnceServer;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.MessageKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Gateway resident memory and start time, with the shipped JVM flags: the assembled gateway polls the
 * 50-device mix ({@link Fleet}) and publishes to an acknowledge-at-once MQTT receiver on loopback. RSS is read
 * from {@code /proc/PID/status} once a second; the peak is the kernel's VmHWM. Start time is counted from just
 * before the JVM is started to the first telemetry PUBLISH at the receiver. Targets (issue 6): RSS ≤ 64 MB,
 * first reading ≤ 3 s.
 */
@Command(name = "GatewayMemoryBench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Resident memory (VmRSS, VmHWM) of the gateway jar started as ./onegrid gateway starts it, polling "
                + "simulated Modbus TCP and GPIO devices, and the time from its start to the first reading at the hub side.",
                "Run from the repository root after: mvn -B -o -q package -pl bench,gateway/assembly -am -DskipTests"})
public final class GatewayMemoryBench implements Callable<Integer> {
    @Option(names = "--root", description = "repository root (default: ${DEFAULT-VALUE})")
    Path root = Path.of(".");
    @Option(names = "--jvm-options", description = "JVM argument file (default: ROOT/gateway/config/jvm.options, the launcher's)")
    Path jvmOptions;
    @Option(names = "--modbus", description = "Modbus TCP devices (default: ${DEFAULT-VALUE})")
    int modbus = 40;
    @Option(names = "--smoke", description = "GPIO smoke detectors (default: ${DEFAULT-VALUE})")
    int smoke = 10;
    @Option(names = "--duration-s", description = "how long the measured gateway runs (default: ${DEFAULT-VALUE})")
    int durationS = 120;
    @Option(names = "--steady-s", description = "the last seconds whose median VmRSS is the steady RSS (default: ${DEFAULT-VALUE})")
    int steadyS = 60;
    @Option(names = "--starts", description = "gateway starts timed in all, the measured run included (default: ${DEFAULT-VALUE})")
    int starts = 3;
    @Option(names = "--logs", description = "folder for the gateway's and simulator's output (default: ROOT/bench/target/gateway-logs/memory)")
    Path logs;

    private record Start(double bannerS, double birthS, double firstTelemetryS) { }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.exit(new CommandLine(new GatewayMemoryBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path options = jvmOptions != null ? jvmOptions : root.resolve("gateway/config/jvm.options");
        Path logDir = logs != null ? logs : root.resolve("bench/target/gateway-logs/memory");
        Fleet fleet = new Fleet(modbus, smoke);
        String loadBefore = Bench.loadAverage();
        List<ProcStats.Sample> samples = new ArrayList<>();
        List<Start> timed = new ArrayList<>();
        Map<String, Long> rollup;
        List<String> heap;
        String command;
        double telemetryRate;
        double readingsPerMessage;
        List<String> warnings;
        try (GatewayRig rig = new GatewayRig(root, options, fleet, logDir, false)) {
            rig.startSimulators();
            Arrivals arrivals = new Arrivals();
            try (AckAtOnceServer receiver = new AckAtOnceServer(0, arrivals.observer())) {
                ChildProcess gw = rig.startGateway("gateway-memory", receiver.mqttPort());
                command = rig.command("gateway-memory");
                long end = gw.startNanos() + durationS * 1_000_000_000L;
                for (long next = gw.startNanos(); System.nanoTime() < end; next += 1_000_000_000L) {
                    if (!gw.alive()) throw new IllegalStateException("gateway exited:\n" + gw.tail());
                    samples.add(ProcStats.sample(gw.pid()));
                    Bench.sleepUntil(next + 1_000_000_000L);
                }
                samples.add(ProcStats.sample(gw.pid()));
                // the JVM's view last: jcmd attaches a thread, which must not count in the samples above
                rollup = ProcStats.rollup(gw.pid());
                heap = new ArrayList<>(ProcStats.jcmd(gw.pid(), "GC.heap_info"));
                heap.addAll(ProcStats.jcmd(gw.pid(), "Compiler.codecache"));
                List<Arrival> got = arrivals.list();
                timed.add(start(gw, got));
                long from = gw.startNanos() + Math.max(0, durationS - steadyS) * 1_000_000_000L;
                List<Arrival> tele = got.stream().filter(a -> a.kind() == MessageKind.TELEMETRY && a.nanos() >= from).toList();
                telemetryRate = tele.size() / ((System.nanoTime() - from) / 1e9);
                readingsPerMessage = tele.stream().mapToInt(a -> ((Body.Telemetry) a.envelope().body()).readings().size())
                        .average().orElse(Double.NaN);
                warnings = gw.linesMatching(" (WARN|ERROR) ");
                rig.stopGateway();
            }
            for (int i = 1; i < starts; i++) {
                Arrivals a = new Arrivals();
                try (AckAtOnceServer receiver = new AckAtOnceServer(0, a.observer())) {
                    ChildProcess gw = rig.startGateway("gateway-start-" + (i + 1), receiver.mqttPort());
                    long deadline = System.nanoTime() + 60_000_000_000L;
                    while (a.count(MessageKind.TELEMETRY) == 0 && System.nanoTime() < deadline && gw.alive()) Thread.sleep(20);
                    timed.add(start(gw, a.list()));
                    rig.stopGateway();
                }
            }
        }
        report(fleet, options, command, samples, rollup, heap, timed, telemetryRate, readingsPerMessage, warnings, loadBefore);
        return 0;
    }

    private static Start start(ChildProcess gw, List<Arrival> got) {
        OptionalLong banner = gw.lineNanos("OneGrid gateway \\S+ started");
        return new Start(banner.isPresent() ? (banner.getAsLong() - gw.startNanos()) / 1e9 : Double.NaN,
                first(got, MessageKind.BIRTH, gw.startNanos()), first(got, MessageKind.TELEMETRY, gw.startNanos()));
    }

    private static double first(List<Arrival> got, MessageKind kind, long t0) {
        return got.stream().filter(a -> a.kind() == kind).mapToLong(Arrival::nanos).min().stream()
                .mapToDouble(n -> (n - t0) / 1e9).findFirst().orElse(Double.NaN);
    }

    private void report(Fleet fleet, Path options, String command, List<ProcStats.Sample> samples, Map<String, Long> rollup,
                        List<String> heap, List<Start> timed, double telemetryRate, double readingsPerMessage,
                        List<String> warnings, String loadBefore) throws Exception {
        ProcStats.Sample last = samples.get(samples.size() - 1);
        long from = samples.get(0).nanos() + Math.max(0, durationS - steadyS) * 1_000_000_000L;
        long[] steady = samples.stream().filter(s -> s.nanos() >= from).mapToLong(ProcStats.Sample::rssKb).sorted().toArray();
        long median = steady[steady.length / 2];
        int maxThreads = samples.stream().mapToInt(ProcStats.Sample::threads).max().orElse(-1);
        double worstFirst = timed.stream().mapToDouble(Start::firstTelemetryS).max().orElse(Double.NaN);
        long targetKb = 64 * 1024;
        System.out.printf(Locale.ROOT, "Gateway memory and start: %s; JVM flags %s (%s); %d s; %s%n%n", fleet, options,
                String.join(" ", Bench.flags(options)), durationS, Bench.javaVersion());
        System.out.println("Command: `" + command + "`");
        System.out.println();
        System.out.println("| measure | value | target | met |");
        System.out.println("|---|---:|---:|---|");
        System.out.printf(Locale.ROOT, "| peak RSS (VmHWM) over %d s | %s | ≤ 64 MB | %s |%n", durationS, ProcStats.mb(last.hwmKb()),
                Bench.yes(last.hwmKb() <= targetKb));
        System.out.printf(Locale.ROOT, "| steady RSS: median VmRSS of the last %d s (min to max) | %s (%s to %s) | ≤ 64 MB | %s |%n",
                steadyS, ProcStats.mb(median), ProcStats.mb(steady[0]), ProcStats.mb(steady[steady.length - 1]),
                Bench.yes(median <= targetKb));
        System.out.printf(Locale.ROOT, "| RSS at the end | %s | | |%n", ProcStats.mb(last.rssKb()));
        System.out.printf(Locale.ROOT, "| threads (most seen) | %d | | |%n", maxThreads);
        System.out.printf(Locale.ROOT, "| start → first telemetry PUBLISH at the receiver, worst of %d starts | %.2f s | ≤ 3 s | %s |%n",
                timed.size(), worstFirst, Bench.yes(worstFirst <= 3.0));
        System.out.println();
        System.out.println("| start | JVM start → banner | → birth PUBLISH (connected) | → first telemetry PUBLISH |");
        System.out.println("|---:|---:|---:|---:|");
        for (int i = 0; i < timed.size(); i++) {
            Start s = timed.get(i);
            System.out.printf(Locale.ROOT, "| %d%s | %.2f s | %.2f s | %.2f s |%n", i + 1, i == 0 ? " (measured run)" : "",
                    s.bannerS(), s.birthS(), s.firstTelemetryS());
        }
        System.out.println();
        long rss = rollup.getOrDefault("Rss", -1L);
        long anon = rollup.getOrDefault("Anonymous", -1L);
        System.out.printf(Locale.ROOT, "Where the RSS is at the end (`/proc/PID/smaps_rollup`): Rss %s = anonymous %s (heap, metaspace, "
                + "code cache, thread stacks, malloc) + file-backed and shared %s (libjvm.so, the CDS archive, jars; the kernel may "
                + "drop and re-read these). `jcmd PID GC.heap_info` and `jcmd PID Compiler.codecache`:%n%n", ProcStats.mb(rss), ProcStats.mb(anon),
                ProcStats.mb(rss - anon));
        System.out.println("```");
        heap.forEach(System.out::println);
        System.out.println("```");
        System.out.println();
        System.out.printf(Locale.ROOT, "- telemetry over the last %d s: %.2f messages/s of %.1f readings on average (a 10-minute "
                + "outage: %,.0f messages)%n", steadyS, telemetryRate, readingsPerMessage, telemetryRate * 600);
        StringBuilder timeline = new StringBuilder();
        for (int i = 0; i < samples.size(); i += 10) {
            timeline.append(i == 0 ? "" : ", ").append(i).append(" s ").append(samples.get(i).rssKb() / 1024);
        }
        System.out.println("- VmRSS every 10 s (MB): " + timeline);
        System.out.println("- gateway WARN/ERROR lines in the measured run: " + warnings.size()
                + (warnings.isEmpty() ? "" : " (first: `" + warnings.get(0).strip() + "`)"));
        System.out.println("- load average before / after: " + loadBefore + " / " + Bench.loadAverage());
        System.out.println("- MB = 1,048,576 bytes (the kernel's kB are KiB)");
    }
}
