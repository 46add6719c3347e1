package io.onegrid.poller;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import io.onegrid.profile.ReportSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportPolicyTest {
    private final ManualTime time = new ManualTime();
    private final ReportPolicy policy = new ReportPolicy(
            device -> device.equals("hydrant") ? Optional.of(new ReportSpec(Map.of("pressure", 0.01), Duration.ofMinutes(5)))
                    : Optional.empty(),
            time, Duration.ofMinutes(15));

    private Reading number(String device, String channel, double value) {
        return Reading.good(device, channel, value, "MPa", time);
    }

    private List<Object> values(List<Reading> readings) {
        return readings.stream().map(Reading::value).toList();
    }

    /** The first reading of a channel is always reported. */
    @Test
    void firstReadingIsReported() {
        assertThat(policy.select(List.of(number("hydrant", "pressure", 0.35)))).hasSize(1);
    }

    /** A number is reported only once it moved more than the deadband from the last REPORTED value. */
    @Test
    void deadbandIsMeasuredFromTheLastReport() {
        policy.select(List.of(number("hydrant", "pressure", 0.350)));

        assertThat(policy.select(List.of(number("hydrant", "pressure", 0.355)))).isEmpty();
        assertThat(policy.select(List.of(number("hydrant", "pressure", 0.359)))).isEmpty(); // creeping: still within 0.01
        assertThat(values(policy.select(List.of(number("hydrant", "pressure", 0.3605))))).containsExactly(0.3605);
        assertThat(policy.select(List.of(number("hydrant", "pressure", 0.351)))).isEmpty();
        assertThat(policy.select(List.of(number("hydrant", "pressure", 0.35)))).hasSize(1);
    }

    /** A channel without a deadband reports every change and nothing else. */
    @Test
    void noDeadbandReportsEveryChange() {
        policy.select(List.of(number("hydrant", "status", 0)));
        assertThat(policy.select(List.of(number("hydrant", "status", 0)))).isEmpty();
        assertThat(policy.select(List.of(number("hydrant", "status", 4)))).hasSize(1);
    }

    /** Booleans and strings are reported on change only. */
    @Test
    void booleansAndStringsOnChange() {
        policy.select(List.of(Reading.good("smoke", "smoke", false, null, time)));
        assertThat(policy.select(List.of(Reading.good("smoke", "smoke", false, null, time)))).isEmpty();
        assertThat(policy.select(List.of(Reading.good("smoke", "smoke", true, null, time)))).hasSize(1);

        policy.select(List.of(Reading.good("meter", "model", "OG-1", null, time)));
        assertThat(policy.select(List.of(Reading.good("meter", "model", "OG-1", null, time)))).isEmpty();
        assertThat(policy.select(List.of(Reading.good("meter", "model", "OG-2", null, time)))).hasSize(1);
    }

    /** An unchanged channel is reported again once per heartbeat: the profile's, or the default without one. */
    @Test
    void heartbeatReportsUnchangedChannels() {
        policy.select(List.of(number("hydrant", "pressure", 0.35), Reading.good("smoke", "smoke", false, null, time)));

        time.advance(Duration.ofMinutes(5).toMillis() - 1);
        assertThat(policy.select(List.of(number("hydrant", "pressure", 0.35)))).isEmpty();
        time.advance(1);
        assertThat(policy.select(List.of(number("hydrant", "pressure", 0.35)))).hasSize(1);

        time.advance(Duration.ofMinutes(9).toMillis());
        assertThat(policy.select(List.of(Reading.good("smoke", "smoke", false, null, time)))).isEmpty();
        time.advance(Duration.ofMinutes(1).toMillis());
        assertThat(policy.select(List.of(Reading.good("smoke", "smoke", false, null, time)))).hasSize(1);
    }

    /** GOOD to BAD and BAD to GOOD are reported; BAD while BAD is not (until the heartbeat). */
    @Test
    void qualityTransitionsAreReported() {
        policy.select(List.of(number("hydrant", "pressure", 0.35)));

        assertThat(policy.select(List.of(Reading.bad("hydrant", "pressure", "MPa", time)))).hasSize(1);
        assertThat(policy.select(List.of(Reading.bad("hydrant", "pressure", "MPa", time)))).isEmpty();
        assertThat(policy.select(List.of(number("hydrant", "pressure", 0.35)))).singleElement()
                .extracting(Reading::quality).isEqualTo(Quality.GOOD);
    }

    /** Channels and devices are tracked separately within one batch. */
    @Test
    void channelsAreIndependent() {
        List<Reading> batch = List.of(number("hydrant", "pressure", 0.35), number("hydrant", "status", 0),
                number("hydrant-2", "pressure", 0.35));
        assertThat(policy.select(batch)).hasSize(3);
        assertThat(policy.select(List.of(number("hydrant", "pressure", 0.40), number("hydrant", "status", 0),
                number("hydrant-2", "pressure", 0.351)))).extracting(Reading::deviceId, Reading::channel)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hydrant", "pressure"),
                        org.assertj.core.groups.Tuple.tuple("hydrant-2", "pressure"));
    }

    /** A forgotten device starts afresh: its next reading is reported. */
    @Test
    void forgetResetsADevice() {
        policy.select(List.of(number("hydrant", "pressure", 0.35)));
        policy.forget("hydrant");
        assertThat(policy.devices()).isEmpty();
        assertThat(policy.select(List.of(number("hydrant", "pressure", 0.35)))).hasSize(1);
    }
}
