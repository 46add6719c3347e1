package io.onegrid.bench.hub;

import io.onegrid.bench.Latencies;
import io.onegrid.bench.Payloads;
import io.onegrid.bench.cases.CaseHistory;
import io.onegrid.hub.config.GatewayCredential;
import io.onegrid.hub.grid.GridFile;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.protocol.Location;
import io.onegrid.protocol.MessageKind;
import io.onegrid.protocol.Timestamp;
import io.onegrid.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

/**
 * Alarm to live case event: how long after a gateway publishes an alarm a dashboard holding
 * {@code GET /api/events} sees the case it opened or joined, with 1,000 telemetry messages/s from another
 * gateway as background load. The real hub runs in this JVM with the demo grid imported (as {@code --grid}), so
 * alarms at bldg-7 are placed in community xh-bs-sg. Target: p99 ≤ 100 ms.
 *
 * <p>Alarms go in pairs, one every {@code --alarm-interval-ms}: a smoke raise about a flat no open case holds
 * (a new {@code fire.smoke} case: event {@code opened}), then a raise about the same flat from a second smoke
 * detector, which joins that case and confirms it (event {@code confirmed}; the severity goes to CRITICAL and
 * every responder is notified at once). The flats are numbered per pair, so no alarm joins an older case. Each
 * raise is timed three ways: PUBLISH sent → PUBACK received (the ingest's own latency, the reference),
 * PUBLISH sent → event read from the stream (what the target is about), and PUBACK → event (negative when the
 * event came first: the hub hands events to the stream and acknowledges the PUBLISH both right after the
 * commit). Clients, hub and stream share this JVM and the machine's cores.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.onegrid.bench.hub.AlarmEventBench [--alarms 600]
 * [--alarm-interval-ms 50] [--warmup-alarms 40] [--telemetry-rate 1000] [--readings 10] [--warmup-s 5]
 * [--history-cases 0]}. {@code --history-cases N} first writes a year of N cases into the hub's SQLite database
 * ({@link CaseHistory}, the case query bench's data), so that alarms are correlated against a hub's history.
 */
public final class AlarmEventBench {
    private static final String SITE = "bldg-7";

    private record Options(int alarms, int intervalMs, int warmupAlarms, double telemetryRate, int readings, int warmupS,
                           int historyCases) { }

    private AlarmEventBench() { }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options o = parse(args);
        GatewayCredential tele = new GatewayCredential("gw-bench-telemetry", "gw-bench-telemetry-secret");
        GatewayCredential alarm = new GatewayCredential("gw-bench-alarm", "gw-bench-alarm-secret");
        int total = o.warmupAlarms + o.alarms;
        AtomicLongArray sent = new AtomicLongArray(total);
        AtomicLongArray acked = new AtomicLongArray(total);
        Map<String, Long> events = new ConcurrentHashMap<>();
        AtomicInteger otherCaseEvents = new AtomicInteger();
        AtomicReference<String> problem = new AtomicReference<>();
        // optionally a hub that has worked for a year: its database holds that many cases (the bench district's,
        // which contains the demo district and bldg-7) before the first alarm
        Path dir = null;
        String history = "empty database, demo grid";
        if (o.historyCases > 0) {
            dir = Files.createTempDirectory("onegrid-bench-hub");
            double s = CaseHistory.createSqlite(dir.resolve("hub.db"), o.historyCases, CaseHistory.DEFAULT_SEED);
            history = String.format(Locale.ROOT, "database holding a year of %,d cases (loaded in %.0f s), bench district grid",
                    o.historyCases, s);
        }
        try (HubTarget hub = new HubTarget(List.of(tele, alarm), dir == null ? GridFile.demoText() : null, dir);
             EventStreamClient stream = new EventStreamClient(hub.httpPort())) {
            stream.open(stream.login("admin", HubTarget.ADMIN_PASSWORD), (name, data, at) -> {
                if (!name.equals("case")) return;
                String key = data.path("unit").asText() + " " + data.path("change").asText();
                if (events.putIfAbsent(key, at) != null) otherCaseEvents.incrementAndGet();
            });
            PacedTelemetry load = new PacedTelemetry(hub.mqttPort(), tele.gatewayId(), tele.secret(), o.readings, o.telemetryRate);
            MqttAsyncClient alarms = connect(hub.mqttPort(), alarm);
            try {
                load.start();
                Thread.sleep(o.warmupS * 1000L);
                EnvelopeCodec codec = new EnvelopeCodec();
                String topic = Topics.uplink(alarm.gatewayId(), MessageKind.ALARM);
                long bootNanos = System.nanoTime();
                long start = 0;
                long ackedAtStart = 0;
                long skippedAtStart = 0;
                for (int i = 0; i < total; i++) {
                    if (i == o.warmupAlarms) {
                        load.measure();
                        ackedAtStart = load.acked.get();
                        skippedAtStart = load.skipped.get();
                        start = System.nanoTime();
                    }
                    // raise i at its own slot, not a fixed sleep after the previous one: an even pace
                    long due = bootNanos + (i + 1L) * o.intervalMs * 1_000_000L;
                    for (long now = System.nanoTime(); now < due; now = System.nanoTime()) LockSupport.parkNanos(due - now);
                    byte[] payload = codec.encode(raise(alarm.gatewayId(), i, (System.nanoTime() - bootNanos) / 1_000_000));
                    int n = i;
                    sent.set(n, System.nanoTime());
                    alarms.publish(topic, payload, 1, false, null, new MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            acked.set(n, System.nanoTime());
                            int[] codes = token.getReasonCodes();
                            if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                                problem.compareAndSet(null, "alarm " + n + ": PUBACK 0x" + Integer.toHexString(codes[0]));
                            }
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable e) {
                            problem.compareAndSet(null, "alarm " + n + ": " + e);
                        }
                    });
                }
                // the last events: wait (bounded) for every expected one
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (System.nanoTime() < deadline && missing(events, o.warmupAlarms, total) > 0) Thread.sleep(20);
                double seconds = (System.nanoTime() - start) / 1e9;
                long teleAcked = load.acked.get() - ackedAtStart;
                long teleSkipped = load.skipped.get() - skippedAtStart;
                load.stop();
                report(o, history, sent, acked, events, teleAcked / seconds, teleSkipped, load, hub, stream,
                        otherCaseEvents.get(), problem.get());
            } finally {
                load.close();
                alarms.disconnect(5_000).waitForCompletion(10_000);
                alarms.close();
            }
        }
    }

    /** Raise i: pair i/2 is about flat "e&lt;pair&gt;" of bldg-7; the first of a pair opens, the second joins from another detector. */
    private static Envelope raise(String gatewayId, int i, long monoMs) {
        int pair = i / 2;
        Timestamp now = new Timestamp(System.currentTimeMillis(), monoMs);
        String device = String.format(Locale.ROOT, "smoke-%04d%s", pair, i % 2 == 0 ? "a" : "b");
        return Envelope.of(gatewayId, Payloads.BOOT, i + 1L, now, new Body.Alarm("bench-" + i, device, "smoke",
                Body.Transition.RAISED, "MAJOR", "fire.smoke", new Location(SITE, unit(i), null, null), now,
                "smoke detected", List.of()));
    }

    private static String unit(int i) {
        return String.format(Locale.ROOT, "e%04d", i / 2);
    }

    private static String eventKey(int i) {
        return unit(i) + (i % 2 == 0 ? " opened" : " confirmed");
    }

    private static int missing(Map<String, Long> events, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) if (!events.containsKey(eventKey(i))) n++;
        return n;
    }

    private static void report(Options o, String history, AtomicLongArray sent, AtomicLongArray acked, Map<String, Long> events,
                               double teleRate, long teleSkipped, PacedTelemetry load, HubTarget hub, EventStreamClient stream,
                               int otherEvents, String problem) {
        String[] labels = {"opens a new case (`opened`)", "joins and confirms it (`confirmed`)", "all raises"};
        Latencies[][] lat = new Latencies[3][3];
        int[] samples = new int[3];
        int[] missing = new int[3];
        int[] eventFirst = new int[3];
        for (Latencies[] row : lat) for (int j = 0; j < 3; j++) row[j] = new Latencies();
        for (int i = o.warmupAlarms; i < o.warmupAlarms + o.alarms; i++) {
            for (int row : new int[] {i % 2, 2}) {
                Long ev = events.get(eventKey(i));
                samples[row]++;
                if (ev == null || acked.get(i) == 0) {
                    missing[row]++;
                    continue;
                }
                lat[row][0].add(acked.get(i) - sent.get(i));
                lat[row][1].add(ev - sent.get(i));
                lat[row][2].add(ev - acked.get(i));
                if (ev < acked.get(i)) eventFirst[row]++;
            }
        }
        System.out.printf(Locale.ROOT, "Alarm PUBLISH → live case event on /api/events: %d measured raises (after %d warm-up raises), one "
                + "every %d ms, QoS 1, %s; background telemetry %,.0f msg/s of %d readings from a second gateway "
                + "(after %d s of warm-up)%n%n", o.alarms, o.warmupAlarms, o.intervalMs, history, o.telemetryRate, o.readings, o.warmupS);
        System.out.println("| alarm raise | samples | no event | sent → PUBACK p50 | p99 | max | sent → event p50 | p99 | max "
                + "| PUBACK → event p50 | p99 | max | event before PUBACK | sent → event p99 ≤ 100 ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (int r = 0; r < 3; r++) {
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %d%% | %s |%n", labels[r], samples[r], missing[r],
                    lat[r][0].cells(), lat[r][1].cells(), lat[r][2].cells(),
                    lat[r][2].count() == 0 ? 0 : Math.round(100.0 * eventFirst[r] / lat[r][2].count()),
                    lat[r][1].percentileMs(0.99) <= 100 && missing[r] == 0 ? "yes" : "**no**");
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "- background telemetry: %,.0f msg/s achieved while the raises were measured (target %,.0f); "
                + "%d slots skipped meanwhile (late by 50 ms, or 64 in flight), %d failed; PUBACK latency p50 / p99 / max %s%n",
                teleRate, o.telemetryRate, teleSkipped, load.failed.get(), load.ackLatency.cells().replace(" | ", " / "));
        System.out.println("- hub: " + (hub.problems().isEmpty() ? "nothing rejected or failed" : hub.problems())
                + "; " + otherEvents + " case events seen twice for one flat and change");
        if (problem != null) System.out.println("- PROBLEM: " + problem);
        if (load.firstProblem.get() != null) System.out.println("- PROBLEM (telemetry): " + load.firstProblem.get());
        if (stream.failure() != null) System.out.println("- PROBLEM (stream): " + stream.failure());
    }

    private static MqttAsyncClient connect(int port, GatewayCredential g) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient("tcp://127.0.0.1:" + port, g.gatewayId(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(g.gatewayId());
        o.setPassword(g.secret().getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        c.connect(o).waitForCompletion(15_000);
        return c;
    }

    private static Options parse(String[] args) {
        int alarms = 600;
        int interval = 50;
        int warmup = 40;
        double rate = 1000;
        int readings = 10;
        int warmupS = 5;
        int history = 0;
        if (args.length % 2 != 0) throw new IllegalArgumentException("option " + args[args.length - 1] + " needs a value");
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--alarms" -> alarms = Integer.parseInt(v);
                case "--alarm-interval-ms" -> interval = Integer.parseInt(v);
                case "--warmup-alarms" -> warmup = Integer.parseInt(v);
                case "--telemetry-rate" -> rate = Double.parseDouble(v);
                case "--readings" -> readings = Integer.parseInt(v);
                case "--warmup-s" -> warmupS = Integer.parseInt(v);
                case "--history-cases" -> history = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (known: --alarms "
                        + "--alarm-interval-ms --warmup-alarms --telemetry-rate --readings --warmup-s --history-cases)");
            }
        }
        if (alarms % 2 != 0 || warmup % 2 != 0) throw new IllegalArgumentException("--alarms and --warmup-alarms must be even (pairs)");
        return new Options(alarms, interval, warmup, rate, readings, warmupS, history);
    }
}
