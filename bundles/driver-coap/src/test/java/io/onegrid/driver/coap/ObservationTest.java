package io.onegrid.driver.coap;

import io.onegrid.profile.Access;
import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.CoapAddress;
import io.onegrid.profile.CoapPoint;
import io.onegrid.profile.DataType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When an observation counts as silent: max(Max-Age, poll interval) + timeout after the last notification. */
class ObservationTest {
    private final Observation observation = new Observation(CoapResourceGroup.of(List.of(CoapChannel.of(
            new ChannelSpec("t", null, null, DataType.FLOAT32, Access.READ, null, null, new CoapPoint("/t", 0, true, null)),
            CoapAddress.parse("coap://127.0.0.1")))).get(0));

    /** GIVEN no registration yet THEN it is due; GIVEN one that announced Max-Age 30 s THEN it is due only after 30 s + timeout. */
    @Test
    void maxAgeLongerThanIntervalSetsTheLimit() {
        assertThat(observation.due(0, 10_000, 500)).isTrue();
        int gen = observation.begin(null);
        observation.heard(gen, 1_000, 30L, true);
        assertThat(observation.due(1_000 + 30_500, 10_000, 500)).isFalse();
        assertThat(observation.live(1_000 + 30_500, 10_000, 500)).isTrue();
        assertThat(observation.due(1_000 + 30_501, 10_000, 500)).isTrue();
    }

    /** GIVEN a device that announces Max-Age 1 s THEN the poll interval keeps it from being re-registered every second. */
    @Test
    void intervalLongerThanMaxAgeSetsTheLimit() {
        int gen = observation.begin(null);
        observation.heard(gen, 0, 1L, true);
        assertThat(observation.silenceLimitMs(10_000, 500)).isEqualTo(10_500);
        observation.heard(gen, 0, null, true);
        assertThat(observation.silenceLimitMs(10_000, 500)).isEqualTo(Observation.DEFAULT_MAX_AGE_MS + 500);
    }

    /** GIVEN a replaced registration THEN late answers of the old one change nothing; a device that ends the relation makes it due. */
    @Test
    void oldGenerationsAreIgnoredAndEndedRelationsAreDue() {
        int old = observation.begin(null);
        observation.heard(old, 0, 60L, true);
        int current = observation.begin(null);
        observation.heard(current, 0, 60L, true);
        observation.ended(old);
        assertThat(observation.due(1, 10_000, 500)).isFalse();
        observation.heard(current, 5, 60L, false);
        assertThat(observation.due(6, 10_000, 500)).isTrue();
    }
}
