package io.onegrid.rules;

import io.onegrid.api.Reading;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Re-synchronisation of one device: which of its channels the edge can see right now, and what its rules do
 * when one is seen again. A re-sync point is the first usable reading of a channel after the edge rules
 * started (gateway start), after a BAD reading of it (GPIO line lost) or after the device was reported in
 * communication fault. There the rules compare what they see with the alarm state they hold (restored from
 * the store after a restart) and raise or clear what changed while nobody could see; an unchanged raised
 * alarm stays as it is. Their transitions say so, since the change itself happened at an unknown time: the
 * transition's time is when it was seen. Not thread-safe: used under the device's lock.
 */
final class Resync {
    /** Channels with a usable reading since they were last unreadable. */
    private final Set<String> readable = new HashSet<>();
    /** Why a channel that was readable before is not any more; channels never read are absent ("since start"). */
    private final Map<String, String> lostBecause = new HashMap<>();

    /** One re-sync point: the channel seen again, since when it was unseen, and whether the whole device was. */
    record Point(String channel, String why, boolean firstOfDevice) {
        /** Appended to the detail of a transition decided at this point. */
        String note() {
            return "seen at re-sync (first reading " + why + "); it changed while the gateway could not see it";
        }
    }

    /** Takes one reading; returns the re-sync point it is, or null for an ordinary (or a BAD) reading. */
    Point observe(Reading reading) {
        String channel = reading.channel();
        if (!RuleEvaluator.usable(reading)) {
            if (readable.remove(channel)) lostBecause.put(channel, "after " + channel + " was unreadable");
            return null;
        }
        boolean firstOfDevice = readable.isEmpty();
        if (!readable.add(channel)) return null;
        String why = lostBecause.remove(channel);
        return new Point(channel, why == null ? "since start" : why, firstOfDevice);
    }

    /** The device stopped answering: every channel is unseen until its next usable reading. */
    void lost() {
        for (String channel : readable) {
            lostBecause.put(channel, "after the device stopped answering");
        }
        readable.clear();
    }

    /**
     * Evaluates a re-sync point: the rules of the reading's channel take the reading, and at the device's first
     * such point every other rule hears that the device answers (a restored comm-fault alarm clears). Each
     * lifecycle is marked for the duration, so what it decides carries the note and a condition it makes
     * pending counts its minimum duration from now. Returns what was found, one entry per rule, for the log.
     */
    static List<String> evaluate(Collection<RuleEvaluator> rules, Reading reading, Point point,
                                 BiConsumer<RuleEvaluator, Transition> emit) {
        List<String> found = new ArrayList<>();
        for (RuleEvaluator ev : rules) {
            boolean onChannel = reading.channel().equals(ev.spec().channel());
            if (!onChannel && !point.firstOfDevice()) continue;
            AlarmLifecycle lifecycle = ev.lifecycle();
            AlarmLifecycle.State before = lifecycle.state();
            lifecycle.resync(point.note());
            try {
                Optional<Transition> t = onChannel ? ev.onReading(reading) : ev.onAnswering();
                t.ifPresent(x -> emit.accept(ev, x));
                if (onChannel || t.isPresent() || before != AlarmLifecycle.State.CLEAR) {
                    found.add(ev.spec().id() + " " + outcome(lifecycle, t));
                }
            } finally {
                lifecycle.resync(null);
            }
        }
        return found;
    }

    private static String outcome(AlarmLifecycle lifecycle, Optional<Transition> t) {
        if (t.isPresent()) {
            return switch (t.get().type()) {
                case RAISE -> "raised as " + t.get().alarmId();
                case CLEAR -> "cleared " + t.get().alarmId();
                case REASSERT -> "still raised as " + t.get().alarmId() + " (local actions driven again)";
            };
        }
        return switch (lifecycle.state()) {
            case RAISED -> "still raised as " + lifecycle.alarmId();
            case PENDING -> "pending (minimum duration counted from now)";
            case CLEAR -> "clear";
        };
    }
}
