package io.onegrid.rules;

import io.onegrid.api.Reading;
import io.onegrid.profile.AlarmRuleSpec;
import io.onegrid.profile.RuleKind;
import io.onegrid.profile.Severity;
import io.onegrid.rules.AlarmLifecycle.State;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** COMM_FAULT (driven by the poller's communication events) and RATE rules. */
class CommFaultAndRateRuleTest {
    private final FakeClock clock = new FakeClock();

    private AlarmLifecycle lifecycle(long minMs) {
        return new AlarmLifecycle("d/r", clock, minMs, FlapPolicy.DEFAULT, () -> "a1");
    }

    /** Faulted raises with the reason; recovery clears with the same id; readings do nothing. */
    @Test
    void commFaultRaisesAndClears() {
        CommFaultRule rule = new CommFaultRule(RuleFactory.implicitCommFault(), lifecycle(0));

        assertThat(rule.onReading(Fakes.good(clock, "d", "pressure", 0.3))).isEmpty();
        Transition raise = rule.onCommunication(true, "timeout after 3 attempts").orElseThrow();
        assertThat(raise.type()).isEqualTo(Transition.Type.RAISE);
        assertThat(raise.detail()).isEqualTo("device not answering: timeout after 3 attempts");
        assertThat(rule.onCommunication(true, "still")).isEmpty();

        Transition clear = rule.onCommunication(false, null).orElseThrow();
        assertThat(clear.type()).isEqualTo(Transition.Type.CLEAR);
        assertThat(clear.alarmId()).isEqualTo(raise.alarmId());
    }

    /** With a minimum duration a short outage raises nothing; a long one raises on a tick. */
    @Test
    void commFaultWithMinDuration() {
        AlarmRuleSpec spec = new AlarmRuleSpec("offline", RuleKind.COMM_FAULT, null, null, null, null, null,
                Duration.ofMinutes(2), null, null, null, null, Severity.MINOR, "device.offline", null, List.of());
        CommFaultRule rule = new CommFaultRule(spec, lifecycle(spec.minDuration().toMillis()));
        rule.onCommunication(true, "timeout");
        clock.advanceSeconds(60);
        rule.onCommunication(false, null);
        assertThat(rule.lifecycle().state()).isEqualTo(State.CLEAR);
        rule.onCommunication(true, "timeout");
        clock.advanceSeconds(120);
        assertThat(rule.onTick()).isPresent();
    }

    /** RATE: |Δ| per minute over the last two readings above the limit raises; a slower pair clears. */
    @Test
    void rateOverLastTwoReadings() {
        AlarmRuleSpec spec = new AlarmRuleSpec("drop", RuleKind.RATE, "pressure", null, null, null, null, null, 0.05,
                null, null, null, Severity.MAJOR, "fire.hydrant-pressure-drop", null, List.of());
        RateRule rule = new RateRule(spec, lifecycle(0));

        assertThat(rule.onReading(Fakes.good(clock, "h", "pressure", 0.40))).as("one reading is no rate").isEmpty();
        clock.advanceSeconds(30);
        assertThat(rule.onReading(Fakes.good(clock, "h", "pressure", 0.39))).isEmpty();          // 0.02/min
        assertThat(rule.onReading(Reading.bad("h", "pressure", "MPa", clock))).isEmpty();
        clock.advanceSeconds(30);
        Transition raise = rule.onReading(Fakes.good(clock, "h", "pressure", 0.30)).orElseThrow(); // 0.18/min
        assertThat(raise.detail()).contains("0.180/min");
        clock.advanceSeconds(60);
        assertThat(rule.onReading(Fakes.good(clock, "h", "pressure", 0.33)))                   // 0.03/min
                .hasValueSatisfying(t -> assertThat(t.type()).isEqualTo(Transition.Type.CLEAR));
    }
}
