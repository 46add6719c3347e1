package io.onegrid.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which alarm transitions the gateway could have sent for one smoke detector, from what the detector did and when
 * gateway processes ran: the oracle of {@link ChaosEndToEndIT}.
 *
 * <p>A gateway sees a detector's level at its first reading after a start (re-synchronisation) and every change
 * after that until it dies. What changes while it is dead is seen only as the level at the next start, so a flip
 * and back while it is dead is legitimately invisible. Each seen level that differs from the alarm state the
 * gateway holds (restored from its store after a restart) is a transition: to smoke, a raise with a new alarm id;
 * to clear, the clear of that alarm.
 *
 * <p>Two moments have an outcome that depends on timing rather than on correctness, and a change there may go
 * either way: the last {@link #KILL_MARGIN_MS} before a SIGKILL (the transition was stored before the process died,
 * or not), and the time between a start and the first reading the gateway logged for the detector (the change is
 * part of that reading, or a change after it). Every consistent combination is evaluated, and the hub must match
 * one of them; outside those moments there is exactly one.
 */
final class SeenTransitions {
    /** A change this close before a kill may be lost with the process (it takes milliseconds to store normally). */
    static final long KILL_MARGIN_MS = 2500;
    /** How late the test may learn of a change or a death, since it reads them from process output. */
    static final long LATENCY_MS = 500;

    /**
     * One gateway process: when the test started it, when the gateway logged its first reading of each detector,
     * when the test sent SIGKILL and when the process was gone ({@link Long#MAX_VALUE} for both while it runs).
     */
    record Run(long startedMs, Map<String, Long> firstReadingMs, long killedMs, long deadMs) { }

    /** The detector's smoke became {@code smoke} at {@code atMs} (when the simulator printed it). */
    record Flip(long atMs, boolean smoke) { }

    /** The raise counts the hub may hold for the detector, its final state, and how many changes were uncertain. */
    record Expectation(Set<Integer> raises, boolean finalSmoke, int uncertain) { }

    /** What became of a change: part of a first reading, seen as a change, or lost with a killed process. */
    private enum Fate { IN_FIRST_READING, SEEN, LOST }

    private record Placed(Flip flip, int run, List<Fate> fates) { }

    private SeenTransitions() { }

    static Expectation of(String device, boolean initial, List<Flip> flips, List<Run> runs) {
        List<Placed> placed = new ArrayList<>();
        for (Flip f : flips) placed.add(place(device, f, runs));
        Set<Integer> raises = new TreeSet<>();
        enumerate(placed, new Fate[placed.size()], 0, runs.size(), initial, raises);
        boolean finalSmoke = flips.isEmpty() ? initial : flips.get(flips.size() - 1).smoke();
        int uncertain = (int) placed.stream().filter(p -> p.fates().size() > 1).count();
        return new Expectation(raises, finalSmoke, uncertain);
    }

    private static Placed place(String device, Flip f, List<Run> runs) {
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            Long first = r.firstReadingMs().get(device);
            if (first == null) {
                throw new IllegalArgumentException("gateway run " + i + " never read " + device + " (the test waits for it)");
            }
            if (f.atMs() < r.startedMs()) return new Placed(f, i, List.of(Fate.IN_FIRST_READING));
            boolean nearKill = r.killedMs() != Long.MAX_VALUE && f.atMs() >= r.killedMs() - KILL_MARGIN_MS;
            if (f.atMs() <= first + LATENCY_MS) {
                return new Placed(f, i, nearKill ? List.of(Fate.IN_FIRST_READING, Fate.SEEN, Fate.LOST)
                        : List.of(Fate.IN_FIRST_READING, Fate.SEEN));
            }
            if (!nearKill) return new Placed(f, i, List.of(Fate.SEEN));
            if (f.atMs() <= r.deadMs() + LATENCY_MS) return new Placed(f, i, List.of(Fate.SEEN, Fate.LOST));
        }
        return new Placed(f, runs.size(), List.of(Fate.LOST)); // after the last process died
    }

    private static void enumerate(List<Placed> placed, Fate[] chosen, int k, int runs, boolean initial,
                                  Set<Integer> raises) {
        if (k == placed.size()) {
            if (consistent(placed, chosen)) raises.add(raises(placed, chosen, runs, initial));
            return;
        }
        for (Fate f : placed.get(k).fates()) {
            chosen[k] = f;
            enumerate(placed, chosen, k + 1, runs, initial, raises);
        }
    }

    /** Within one process, time order: what its first reading included, then what it saw, then what it lost. */
    private static boolean consistent(List<Placed> placed, Fate[] chosen) {
        for (int a = 0; a < placed.size(); a++) {
            for (int b = a + 1; b < placed.size(); b++) {
                if (placed.get(a).run() == placed.get(b).run() && chosen[a].ordinal() > chosen[b].ordinal()) return false;
            }
        }
        return true;
    }

    private static int raises(List<Placed> placed, Fate[] chosen, int runs, boolean initial) {
        boolean raised = false; // a fresh gateway holds no alarm
        int raises = 0;
        for (int i = 0; i < runs; i++) {
            boolean level = initial;
            for (int k = 0; k < placed.size(); k++) {
                Placed p = placed.get(k);
                if (p.run() < i || p.run() == i && chosen[k] == Fate.IN_FIRST_READING) level = p.flip().smoke();
            }
            List<Boolean> seen = new ArrayList<>(List.of(level));
            for (int k = 0; k < placed.size(); k++) {
                if (placed.get(k).run() == i && chosen[k] == Fate.SEEN) seen.add(placed.get(k).flip().smoke());
            }
            for (boolean v : seen) {
                if (v && !raised) raises++;
                raised = v;
            }
        }
        return raises;
    }
}
