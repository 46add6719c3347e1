package io.onegrid.bench.hub;

import io.onegrid.hub.config.GatewayCredential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Hub ingest: QoS 1 messages per second that the real hub stores and acknowledges for K concurrent Paho MQTT 5
 * gateways, against the same clients publishing to a Vert.x MQTT server that acknowledges at once without
 * storing (the reference). The ratio is the cost of decoding, checking and durably storing each message before
 * its PUBACK. Clients and server share this JVM and the machine's cores, for both sides alike.
 *
 * <p>Each configuration: fresh server (fresh hub database in a temp dir), K connected clients, a warm-up, then
 * several fixed-length windows; the rate is the mean over windows and the error their standard deviation.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.onegrid.bench.hub.HubIngestBench [--clients 1,8,32]
 * [--workloads telemetry,alarm] [--readings 10] [--in-flight 16] [--warmup-s 3] [--windows 4] [--window-s 3]}
 */
public final class HubIngestBench {
    private record Options(int[] clients, List<Workload> workloads, int readings, int inFlight, int warmupS,
                           int windows, int windowS) { }

    /** Rates of one configuration on one server. */
    record Result(double[] rates, double meanLatencyMs, String problems) {
        double mean() {
            return Arrays.stream(rates).average().orElse(Double.NaN);
        }

        double sd() {
            double m = mean();
            double ss = Arrays.stream(rates).map(r -> (r - m) * (r - m)).sum();
            return rates.length < 2 ? 0 : Math.sqrt(ss / (rates.length - 1));
        }
    }

    private HubIngestBench() { }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options o = parse(args);
        System.out.printf(Locale.ROOT, "Hub ingest: QoS 1 PUBLISH -> PUBACK, %d in flight per client, telemetry = %d readings"
                + " per message; warm-up %d s, %d windows of %d s per configuration%n%n",
                o.inFlight, o.readings, o.warmupS, o.windows, o.windowS);
        System.out.println("| workload | clients | reference: ack at once (msg/s) | hub: stored, then acked (msg/s) "
                + "| ratio hub/reference | hub readings/s | mean ack latency ref → hub |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        List<String> notes = new ArrayList<>();
        for (Workload w : o.workloads) {
            for (int k : o.clients) {
                List<GatewayCredential> gws = gateways(k);
                Result ref = run(o, w, gws, ignored -> new AckAtOnceServer());
                Result hub = run(o, w, gws, HubTarget::new);
                double ratio = hub.mean() / ref.mean();
                double ratioErr = ratio * Math.sqrt(sq(ref.sd() / ref.mean()) + sq(hub.sd() / hub.mean()));
                System.out.printf(Locale.ROOT, "| %s | %d | %,.0f ± %,.0f | %,.0f ± %,.0f | %.3f ± %.3f | %,.0f | %.1f ms → %.1f ms |%n",
                        w.label(), k, ref.mean(), ref.sd(), hub.mean(), hub.sd(), ratio, ratioErr,
                        hub.mean() * w.readingsPerMessage(o.readings), ref.meanLatencyMs(), hub.meanLatencyMs());
                notes.add(String.format(Locale.ROOT, "%s, %d clients: windows ref %s, hub %s%s%s", w.label(), k,
                        rounded(ref.rates), rounded(hub.rates), ref.problems.isEmpty() ? "" : "; REFERENCE: " + ref.problems,
                        hub.problems.isEmpty() ? "" : "; HUB: " + hub.problems));
                System.out.flush();
            }
        }
        System.out.println();
        notes.forEach(n -> System.out.println("- " + n));
    }

    private static Result run(Options o, Workload w, List<GatewayCredential> gws,
                              Function<List<GatewayCredential>, IngestTarget> server) throws Exception {
        Publisher.Stats stats = new Publisher.Stats();
        List<Publisher> publishers = new ArrayList<>();
        double[] rates = new double[o.windows];
        double latencyMs;
        long handled;
        String serverProblems;
        try (IngestTarget target = server.apply(gws)) {
            try {
                for (GatewayCredential g : gws) {
                    Publisher p = new Publisher(target.mqttPort(), g.gatewayId(), g.secret(), w, o.readings, o.inFlight, stats);
                    p.connect();
                    publishers.add(p);
                }
                publishers.forEach(Publisher::start);
                Thread.sleep(o.warmupS * 1000L);
                long ackedAtStart = stats.acked.get();
                long latencyAtStart = stats.latencyNanos.sum();
                for (int i = 0; i < o.windows; i++) {
                    long a0 = stats.acked.get();
                    long t0 = System.nanoTime();
                    Thread.sleep(o.windowS * 1000L);
                    rates[i] = (stats.acked.get() - a0) / ((System.nanoTime() - t0) / 1e9);
                }
                long acks = stats.acked.get() - ackedAtStart;
                latencyMs = acks == 0 ? Double.NaN : (stats.latencyNanos.sum() - latencyAtStart) / 1e6 / acks;
                for (Publisher p : publishers) p.stop();
            } finally {
                publishers.forEach(Publisher::close);
            }
            handled = target.handled();
            serverProblems = target.problems();
        }
        List<String> problems = new ArrayList<>();
        if (!serverProblems.isEmpty()) problems.add(serverProblems);
        if (handled != stats.acked.get()) {
            problems.add("server handled " + handled + " messages but clients saw " + stats.acked.get() + " acks");
        }
        if (stats.refused.get() + stats.failed.get() > 0) {
            problems.add(stats.refused.get() + " refused, " + stats.failed.get() + " failed (first: " + stats.firstProblem.get() + ")");
        } else if (stats.firstProblem.get() != null) {
            problems.add(stats.firstProblem.get());
        }
        return new Result(rates, latencyMs, String.join("; ", problems));
    }

    private static List<GatewayCredential> gateways(int k) {
        List<GatewayCredential> out = new ArrayList<>();
        for (int i = 1; i <= k; i++) {
            String id = String.format(Locale.ROOT, "gw-bench-%02d", i);
            out.add(new GatewayCredential(id, id + "-secret"));
        }
        return out;
    }

    private static Options parse(String[] args) {
        int[] clients = {1, 8, 32};
        List<Workload> workloads = List.of(Workload.TELEMETRY, Workload.ALARM);
        int readings = 10;
        int inFlight = 16;
        int warmupS = 3;
        int windows = 4;
        int windowS = 3;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--clients" -> clients = Arrays.stream(v.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
                case "--workloads" -> workloads = Arrays.stream(v.split(",")).map(Workload::parse).toList();
                case "--readings" -> readings = Integer.parseInt(v);
                case "--in-flight" -> inFlight = Integer.parseInt(v);
                case "--warmup-s" -> warmupS = Integer.parseInt(v);
                case "--windows" -> windows = Integer.parseInt(v);
                case "--window-s" -> windowS = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --clients --workloads --readings --in-flight --warmup-s --windows --window-s)");
            }
        }
        if (args.length % 2 != 0) throw new IllegalArgumentException("option " + args[args.length - 1] + " needs a value");
        return new Options(clients, workloads, readings, inFlight, warmupS, windows, windowS);
    }

    private static String rounded(double[] rates) {
        return Arrays.stream(rates).mapToObj(r -> String.format(Locale.ROOT, "%.0f", r)).toList().toString();
    }

    private static double sq(double x) {
        return x * x;
    }

    public static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
