package io.onegrid.rules;

import io.onegrid.api.GatewayClock;
import io.onegrid.api.Reading;
import io.onegrid.profile.AlarmRuleSpec;
import io.onegrid.profile.Durations;
import io.onegrid.profile.RuleKind;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * INACTIVITY (elder welfare): raise when the channel showed no activity for {@code inactivity}, but only
 * while local time is inside the daily window (if one is set); clear at the next activity.
 * <p>
 * Activity is any change of the channel's value between two usable readings (a door opening and closing
 * both count; a repeated identical reading does not). The first reading after start only sets the
 * baseline. Elapsed time is measured on the monotonic clock, so a wall-clock jump neither fires nor
 * delays the alarm; the window is checked against wall time in the configured zone. When the window
 * closes while the alarm is raised it stays raised until activity: someone must still check.
 * After a gateway start the inactivity period is counted from the start (no earlier activity is known).
 */
public final class InactivityRule implements RuleEvaluator {
    private final AlarmRuleSpec spec;
    private final AlarmLifecycle lifecycle;
    private final GatewayClock clock;
    private final ZoneId zone;
    private final long inactivityMs;
    private final DailyWindow window;
    private long lastActivityMono;
    private Object lastValue;

    public InactivityRule(AlarmRuleSpec spec, AlarmLifecycle lifecycle, GatewayClock clock, ZoneId zone) {
        if (spec.kind() != RuleKind.INACTIVITY) throw new IllegalArgumentException("not an inactivity rule: " + spec.id());
        if (spec.inactivity() == null || spec.inactivity().isNegative() || spec.inactivity().isZero()) {
            throw new IllegalArgumentException("inactivity rule " + spec.id() + " needs a positive inactivity");
        }
        this.spec = spec;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.zone = zone;
        this.inactivityMs = spec.inactivity().toMillis();
        this.window = spec.windowStart() == null || spec.windowEnd() == null
                ? DailyWindow.ALL_DAY : new DailyWindow(spec.windowStart(), spec.windowEnd());
        this.lastActivityMono = clock.monoMs();
    }

    @Override
    public AlarmRuleSpec spec() {
        return spec;
    }

    @Override
    public AlarmLifecycle lifecycle() {
        return lifecycle;
    }

    @Override
    public void inherit(RuleEvaluator previous) {
        if (previous instanceof InactivityRule old && Objects.equals(old.spec.channel(), spec.channel())) {
            lastActivityMono = old.lastActivityMono;
            lastValue = old.lastValue;
        }
    }

    @Override
    public Optional<Transition> onReading(Reading reading) {
        if (!RuleEvaluator.usable(reading)) return Optional.empty();
        Object previous = lastValue;
        lastValue = reading.value();
        if (previous == null || Objects.equals(previous, reading.value())) return Optional.empty();
        lastActivityMono = clock.monoMs();
        return lifecycle.signal(Signal.CLEAR, reading, "activity on " + RuleEvaluator.show(reading));
    }

    @Override
    public Optional<Transition> onTick() {
        long quietMs = clock.monoMs() - lastActivityMono;
        if (quietMs >= inactivityMs && window.contains(localTime())) {
            Optional<Transition> t = lifecycle.signal(Signal.RAISE, null,
                    "no activity on " + spec.channel() + " for " + Durations.format(Duration.ofMillis(quietMs)));
            if (t.isPresent()) return t;
        }
        return lifecycle.tick();
    }

    private LocalTime localTime() {
        return Instant.ofEpochMilli(clock.wallMs()).atZone(zone).toLocalTime();
    }
}
