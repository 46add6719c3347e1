package io.onegrid.e2e;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * What happens when in one chaos run, all drawn from one seed: the smoke detectors' changes (played by the
 * simulator's timeline) and the faults (played by the test) on one clock, in seconds since the simulator's
 * timeline started. The gateway lives three times (killed twice); the hub is killed once while the gateway is down
 * and once while it runs; the link is slowed, cut, refused, and loses the hub's acknowledgements.
 *
 * <p>The draw keeps changes out of the moments whose outcome depends on machine speed rather than on the gateway's
 * correctness: the seconds before a gateway kill (a change may or may not be stored when the process dies) and
 * the seconds after a gateway start (it may or may not have read its first level yet). Changes fall in the
 * gateway's stable up-time or squarely while it is dead. {@link SeenTransitions} still copes with a change that a
 * slow machine pushes into such a moment, so this only makes the strict case the common one.
 *
 * <p>A detector changes at most {@value #MAX_TRANSITIONS} times (its initial smoke counts): the edge rules hold an
 * alarm raised that changes more often within 10 minutes (flapping suppression, docs/edge-rules.md), which is a
 * different behaviour from the one this plan tests.
 */
final class ChaosPlan {
    static final int MAX_TRANSITIONS = 4;
    /** Seconds after a gateway start during which nothing changes: it needs them to boot and read every level. */
    static final double START_QUIET = 7.0;
    /** Seconds before a gateway kill during which nothing changes. */
    static final double KILL_QUIET = 3.5;
    private static final double MIN_GAP = 2.0;

    enum Kind {
        KILL_GATEWAY, START_GATEWAY, KILL_HUB, START_HUB, CUT_LINK, LINK_DOWN, LINK_UP, DELAY, NO_DELAY, ACKS_LOST,
        ACKS_BACK
    }

    /** A fault (or its repair) at {@code at}; {@code millis} is the delay of a {@link Kind#DELAY}. */
    record Fault(double at, Kind kind, long millis) { }

    /** A detector's smoke becomes {@code smoke} at {@code at}. */
    record Change(double at, String device, boolean smoke) { }

    private record Window(double from, double to) {
        double length() {
            return Math.max(0, to - from);
        }
    }

    final long seed;
    final List<String> devices = new ArrayList<>();
    final Map<String, Boolean> initial = new LinkedHashMap<>();
    final List<Change> changes = new ArrayList<>();
    final List<Fault> faults = new ArrayList<>();
    final double end;

    private ChaosPlan(long seed, int deviceCount) {
        this.seed = seed;
        Random rnd = new Random(seed);
        // three gateway lives; the seconds after each start and before each kill are kept free of changes
        double k1 = between(rnd, 16.5, 18);
        double r1 = k1 + between(rnd, 4, 5);
        double lostAckB = between(rnd, r1 + START_QUIET, r1 + START_QUIET + 1);
        double k2 = lostAckB + between(rnd, 7, 8.5);
        double r2 = k2 + between(rnd, 4, 5);
        double lostAckC = between(rnd, r2 + START_QUIET, r2 + START_QUIET + 1);
        double lastChange = r2 + START_QUIET + between(rnd, 3, 4);
        addPair(k1, Kind.KILL_GATEWAY, r1, Kind.START_GATEWAY);
        addPair(k2, Kind.KILL_GATEWAY, r2, Kind.START_GATEWAY);

        // life 1: a slow link, a cut, then the hub's acknowledgements are lost until the gateway is killed, so it
        // restarts with messages the hub already stored; the hub is killed too while the gateway is down
        double slow = between(rnd, 9, 10);
        addPair(slow, Kind.DELAY, k1 - 5.7, Kind.NO_DELAY, Math.round(between(rnd, 100, 1500)));
        faults.add(new Fault(between(rnd, 10, k1 - 6), Kind.CUT_LINK, 0));
        double lostAckA = between(rnd, k1 - 5.2, k1 - 3.6);
        addPair(k1 - 5.5, Kind.ACKS_LOST, k1 + 0.3, Kind.ACKS_BACK);
        double h1 = between(rnd, k1 + 0.5, k1 + 1.5);
        addPair(h1, Kind.KILL_HUB, h1 + between(rnd, 3, 4.5), Kind.START_HUB);
        // life 2: a cut, acknowledgements lost and then a cut (the gateway sends again what the hub has), the
        // link refused for seconds
        faults.add(new Fault(between(rnd, r1 + 3, r1 + 6.5), Kind.CUT_LINK, 0));
        addLostAcks(lostAckB);
        double down = lostAckB + 2.5;
        addPair(down, Kind.LINK_DOWN, down + between(rnd, 2, 3), Kind.LINK_UP);
        // life 3: a slow link while it connects, a cut, lost acknowledgements and a cut, then the hub is killed
        // while it runs, so the last changes wait in the outbox
        addPair(r2 + 1, Kind.DELAY, r2 + 6.5, Kind.NO_DELAY, Math.round(between(rnd, 100, 1500)));
        faults.add(new Fault(between(rnd, r2 + 3, r2 + 6.5), Kind.CUT_LINK, 0));
        addLostAcks(lostAckC);
        double h2 = lostAckC + between(rnd, 2.5, 3);
        double h2Start = h2 + between(rnd, 3, 4.5);
        addPair(h2, Kind.KILL_HUB, h2Start, Kind.START_HUB);
        end = Math.max(lastChange, h2Start) + 0.5;
        // the last word on the link: it ends healthy
        faults.add(new Fault(end, Kind.NO_DELAY, 0));
        faults.add(new Fault(end, Kind.LINK_UP, 0));
        faults.add(new Fault(end, Kind.ACKS_BACK, 0));
        faults.sort(Comparator.comparingDouble(Fault::at));

        Window dead1 = new Window(k1 + 0.7, r1 - 0.3);
        Window dead2 = new Window(k2 + 0.7, r2 - 0.3);
        List<Window> anywhere = List.of(new Window(START_QUIET + 4, k1 - KILL_QUIET), dead1,
                new Window(r1 + START_QUIET, k2 - KILL_QUIET), dead2, new Window(r2 + START_QUIET, lastChange));
        for (int i = 0; i < deviceCount; i++) {
            String id = "smoke-" + (701 + i);
            devices.add(id);
            boolean smoke = i > 5 && rnd.nextDouble() < 0.25;
            initial.put(id, smoke);
            List<Double> times = new ArrayList<>(forcedChanges(i, rnd, dead1, dead2, lostAckA, lostAckB, lostAckC));
            int n = Math.max(times.size(), 1 + rnd.nextInt(MAX_TRANSITIONS - (smoke ? 1 : 0)));
            // what is forced into an outage stays the only thing there, so it means what forcedChanges says
            Window forcedOutage = i == 1 ? dead2 : dead1;
            List<Window> where = i < 3 ? anywhere.stream().filter(w -> w != forcedOutage).toList() : anywhere;
            while (times.size() < n) times.add(draw(rnd, where, times));
            times.sort(Double::compare);
            for (double t : times) {
                smoke = !smoke;
                changes.add(new Change(t, id, smoke));
            }
        }
        changes.sort(Comparator.comparingDouble(Change::at));
    }

    /**
     * The first six detectors cover what every run must contain: a flip and back while the gateway is dead (in
     * each outage), a single change while it is dead (found when it starts again), and a change just as the hub's
     * acknowledgements start to get lost (in each life), so a message the hub stored is sent again.
     */
    private static List<Double> forcedChanges(int i, Random rnd, Window dead1, Window dead2, double... lostAcks) {
        return switch (i) {
            case 0, 1 -> {
                Window dead = i == 0 ? dead1 : dead2;
                double mid = (dead.from() + dead.to()) / 2;
                yield List.of(between(rnd, dead.from(), mid - MIN_GAP / 2), between(rnd, mid + MIN_GAP / 2, dead.to()));
            }
            case 2 -> List.of(between(rnd, dead1.from(), dead1.to()));
            case 3, 4, 5 -> List.of(Math.round(lostAcks[i - 3] * 1000) / 1000.0);
            default -> List.of();
        };
    }

    /** Acknowledgements lost from just before a change until the link is cut, two seconds after it. */
    private void addLostAcks(double change) {
        faults.add(new Fault(change - 0.3, Kind.ACKS_LOST, 0));
        faults.add(new Fault(change + 2.0, Kind.CUT_LINK, 0));
        faults.add(new Fault(change + 2.05, Kind.ACKS_BACK, 0));
    }

    static ChaosPlan draw(long seed, int deviceCount) {
        return new ChaosPlan(seed, deviceCount);
    }

    private void addPair(double at, Kind kind, double repairAt, Kind repair) {
        addPair(at, kind, repairAt, repair, 0);
    }

    private void addPair(double at, Kind kind, double repairAt, Kind repair, long millis) {
        faults.add(new Fault(at, kind, millis));
        faults.add(new Fault(repairAt, repair, 0));
    }

    private static double between(Random rnd, double from, double to) {
        return from + rnd.nextDouble() * (to - from);
    }

    /** A time in one of {@code windows} (chosen by length) at least {@link #MIN_GAP} from {@code taken}. */
    private static double draw(Random rnd, List<Window> windows, List<Double> taken) {
        double total = windows.stream().mapToDouble(Window::length).sum();
        for (int attempt = 0; attempt < 1000; attempt++) {
            double x = rnd.nextDouble() * total;
            for (Window w : windows) {
                if (x < w.length()) {
                    double t = Math.round((w.from() + x) * 1000) / 1000.0;
                    if (taken.stream().allMatch(o -> Math.abs(o - t) >= MIN_GAP)) return t;
                    break;
                }
                x -= w.length();
            }
        }
        throw new IllegalStateException("no room for another change in " + windows);
    }

    /** The simulator scenario: one detector per flat, levels as drawn, the changes as its timeline. */
    String scenarioYaml() {
        StringBuilder y = new StringBuilder("name: e2e-chaos\nseed: " + seed + "\ndevices:\n");
        for (String id : devices) {
            String flat = id.substring("smoke-".length());
            y.append("  - id: ").append(id).append("\n    profile: smoke-detector-gpio\n    gpio: {smoke: flat")
                    .append(flat).append(".smoke, siren: flat").append(flat).append(".siren}\n    initial: {smoke: ")
                    .append(initial.get(id)).append("}\n");
        }
        y.append("timeline:\n");
        for (Change c : changes) {
            y.append(String.format(Locale.ROOT, "  - {at: %dms, device: %s, set: {smoke: %s}}%n",
                    Math.round(c.at() * 1000), c.device(), c.smoke()));
        }
        return y.toString();
    }

    /** The whole plan, one line each, for the test's output: a failure can be read against it. */
    String describe() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "chaos plan, seed %d, %d detectors, %d changes, "
                + "ends at t+%.1fs%n", seed, devices.size(), changes.size(), end));
        devices.forEach(d -> s.append("  ").append(d).append(initial.get(d) ? " starts in smoke" : " starts clear")
                .append(changes.stream().filter(c -> c.device().equals(d))
                        .map(c -> String.format(Locale.ROOT, " t+%.1f %s", c.at(), c.smoke() ? "smoke" : "clear"))
                        .reduce("", String::concat)).append('\n'));
        faults.forEach(f -> s.append(String.format(Locale.ROOT, "  t+%.1f %s%s%n", f.at(), f.kind(),
                f.kind() == Kind.DELAY ? " " + f.millis() + " ms" : "")));
        return s.toString();
    }
}
