package io.onegrid.rules;

import io.onegrid.api.Reading;
import io.onegrid.profile.AlarmRuleSpec;
import io.onegrid.profile.RuleKind;
import io.onegrid.profile.Severity;
import io.onegrid.rules.AlarmLifecycle.State;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** INACTIVITY rules: elapsed time, activity, daily windows (also across midnight) in the configured zone. */
class InactivityRuleTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private FakeClock clock;

    private InactivityRule rule(Duration inactivity, LocalTime start, LocalTime end, String localStart) {
        clock = new FakeClock(LocalDateTime.parse(localStart).atZone(ZONE).toInstant());
        AlarmRuleSpec spec = new AlarmRuleSpec("no-activity", RuleKind.INACTIVITY, "door", null, null, null, null,
                null, null, inactivity, start, end, Severity.MAJOR, "welfare.no-activity", null, List.of());
        return new InactivityRule(spec, new AlarmLifecycle("door/no-activity", clock, 0, FlapPolicy.DEFAULT, () -> "a1"),
                clock, ZONE);
    }

    private Reading door(boolean open) {
        return Fakes.good(clock, "door", "door", open);
    }

    private void advanceTicking(Duration d) {
        clock.advance(d);
    }

    /** Without a window: raised after the inactivity period (on a tick), cleared by the next change. */
    @Test
    void raisesAfterInactivityAndClearsOnActivity() {
        InactivityRule rule = rule(Duration.ofHours(12), null, null, "2026-03-02T10:00");
        assertThat(rule.onReading(door(false))).as("first reading is only the baseline").isEmpty();
        advanceTicking(Duration.ofHours(12).minusMinutes(1));
        assertThat(rule.onTick()).isEmpty();
        assertThat(rule.onReading(door(false))).as("same value again is no activity").isEmpty();
        assertThat(rule.onReading(Reading.bad("door", "door", null, clock))).isEmpty();
        advanceTicking(Duration.ofMinutes(1));

        Transition raise = rule.onTick().orElseThrow();
        assertThat(raise.type()).isEqualTo(Transition.Type.RAISE);
        assertThat(raise.detail()).isEqualTo("no activity on door for 12h");
        assertThat(rule.onTick()).as("no duplicate raise on later ticks").isEmpty();

        Transition clear = rule.onReading(door(true)).orElseThrow();
        assertThat(clear.type()).isEqualTo(Transition.Type.CLEAR);
        assertThat(clear.alarmId()).isEqualTo(raise.alarmId());
    }

    /** Activity restarts the inactivity period. */
    @Test
    void activityRestartsPeriod() {
        InactivityRule rule = rule(Duration.ofHours(2), null, null, "2026-03-02T10:00");
        rule.onReading(door(false));
        advanceTicking(Duration.ofMinutes(90));
        rule.onReading(door(true));
        advanceTicking(Duration.ofMinutes(90));
        assertThat(rule.onTick()).isEmpty();
        advanceTicking(Duration.ofMinutes(30));
        assertThat(rule.onTick()).isPresent();
    }

    /** Within the window 08:00-22:00: 13 h without activity since 08:00 raises at 21:00. */
    @Test
    void raisesWithinWindow() {
        InactivityRule rule = rule(Duration.ofHours(13), LocalTime.of(8, 0), LocalTime.of(22, 0), "2026-03-02T08:00");
        rule.onReading(door(false));
        advanceTicking(Duration.ofHours(13));
        assertThat(rule.onTick()).isPresent();
    }

    /** Outside the window: the period ends at 23:00, but the alarm waits until the window opens at 08:00. */
    @Test
    void waitsForWindowWhenPeriodEndsOutside() {
        InactivityRule rule = rule(Duration.ofHours(13), LocalTime.of(8, 0), LocalTime.of(22, 0), "2026-03-02T10:00");
        rule.onReading(door(false));
        advanceTicking(Duration.ofHours(13));                       // 23:00
        assertThat(rule.onTick()).isEmpty();
        advanceTicking(Duration.ofHours(8).plusMinutes(59));       // 07:59 next day
        assertThat(rule.onTick()).isEmpty();
        assertThat(rule.lifecycle().state()).isEqualTo(State.CLEAR);
        advanceTicking(Duration.ofMinutes(1));                      // 08:00

        assertThat(rule.onTick()).hasValueSatisfying(t -> assertThat(t.detail()).isEqualTo("no activity on door for 22h"));
    }

    /** A night window 22:00-06:00 crosses midnight: raises inside it on either side of midnight, not by day. */
    @Test
    void windowCrossingMidnight() {
        InactivityRule rule = rule(Duration.ofHours(2), LocalTime.of(22, 0), LocalTime.of(6, 0), "2026-03-02T18:00");
        rule.onReading(door(false));
        advanceTicking(Duration.ofHours(3).plusMinutes(59));        // 21:59: period over, window closed
        assertThat(rule.onTick()).isEmpty();
        advanceTicking(Duration.ofMinutes(1));                      // 22:00
        assertThat(rule.onTick()).isPresent();

        advanceTicking(Duration.ofHours(1));                        // 23:00 activity clears
        assertThat(rule.onReading(door(true))).hasValueSatisfying(t -> assertThat(t.type()).isEqualTo(Transition.Type.CLEAR));
        advanceTicking(Duration.ofHours(2));                        // 01:00 next day, inside the window
        assertThat(rule.onTick()).isPresent();

        advanceTicking(Duration.ofHours(5));                        // 06:00 activity clears
        rule.onReading(door(false));
        advanceTicking(Duration.ofHours(3));                        // 09:00: period over but outside the window
        assertThat(rule.onTick()).isEmpty();
    }

    /** Daily windows: inclusive start, exclusive end, crossing midnight, start = end means all day. */
    @Test
    void dailyWindowContains() {
        DailyWindow day = new DailyWindow(LocalTime.of(8, 0), LocalTime.of(22, 0));
        assertThat(day.contains(LocalTime.of(8, 0))).isTrue();
        assertThat(day.contains(LocalTime.of(21, 59))).isTrue();
        assertThat(day.contains(LocalTime.of(22, 0))).isFalse();
        assertThat(day.contains(LocalTime.of(3, 0))).isFalse();
        DailyWindow night = new DailyWindow(LocalTime.of(22, 0), LocalTime.of(6, 0));
        assertThat(night.contains(LocalTime.of(23, 0))).isTrue();
        assertThat(night.contains(LocalTime.of(0, 0))).isTrue();
        assertThat(night.contains(LocalTime.of(5, 59))).isTrue();
        assertThat(night.contains(LocalTime.of(6, 0))).isFalse();
        assertThat(night.contains(LocalTime.of(12, 0))).isFalse();
        assertThat(DailyWindow.ALL_DAY.contains(LocalTime.NOON)).isTrue();
    }
}
