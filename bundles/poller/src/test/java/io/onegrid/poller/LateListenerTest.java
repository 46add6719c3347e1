package io.onegrid.poller;

import static io.onegrid.poller.Fixtures.device;
import static io.onegrid.poller.Fixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.api.DriverException;
import io.onegrid.api.DriverException.Code;
import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import io.onegrid.profile.DeviceProfile;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A listener that registers after devices started (edge rules come up after the outbox, while the GPIO
 * snapshot arrives at once) still learns each device's current state, without waiting for a change.
 */
class LateListenerTest {
    private static final DeviceProfile FAKE = profile("fake-1s", "fake", Duration.ofSeconds(1));
    private static final DeviceProfile PUSH = profile("fake-push", "push", null);

    private final ManualTime time = new ManualTime();
    private final FakeDriver polled = new FakeDriver("fake", time);
    private final FakeDriver push = new FakeDriver("push", time);
    private Poller poller;

    @BeforeEach
    void setUp() {
        poller = new Poller(Fixtures.catalog(FAKE, PUSH), time, Runnable::run, time,
                new PollerSettings(3, 8_000, 0.2, 10_000, 1_000), new Random(42));
        push.polled = false;
        poller.addDriver("fake", polled);
        poller.addDriver("push", push);
    }

    /**
     * GIVEN an interrupt-driven detector that pushed smoke=true, then false, then true before anyone listened
     * WHEN a listener registers THEN it gets the latest reading of the channel (true) once, and live ones after.
     */
    @Test
    void lateListenerGetsTheLatestReadingOfEachChannel() {
        poller.put("pid-1", device("smoke-302", "fake-push", "smoke=17", null));
        time.advance(100);
        for (boolean on : new boolean[] {true, false, true}) {
            push.sinks.get("smoke-302").accept(List.of(Reading.good("smoke-302", "smoke", on, null, time)));
        }

        Fixtures.Recorder late = new Fixtures.Recorder();
        poller.addListener(late);

        assertThat(late.readings("smoke-302")).extracting(Reading::value).containsExactly(true);
        push.sinks.get("smoke-302").accept(List.of(Reading.good("smoke-302", "smoke", false, null, time)));
        assertThat(late.readings("smoke-302")).extracting(Reading::value).containsExactly(true, false);
        assertThat(late.communication).isEmpty();
    }

    /**
     * GIVEN a polled device that went offline before the listener registered WHEN it registers THEN it hears
     * of the fault first and gets the BAD readings, so a comm-fault rule that starts late still raises.
     */
    @Test
    void lateListenerHearsOfAnOpenFault() {
        polled.scripts.put("tank", d -> {
            throw new DriverException(Code.TIMEOUT, "no answer within 200 ms");
        });
        poller.put("pid-1", device("tank", "fake-1s", "a", null));
        time.advance(5_000);

        Fixtures.Recorder late = new Fixtures.Recorder();
        poller.addListener(late);

        assertThat(late.communication).containsExactly("tank offline: TIMEOUT: no answer within 200 ms");
        assertThat(late.readings("tank")).extracting(Reading::quality).containsExactly(Quality.BAD);
    }

    /**
     * GIVEN a device that was removed, and one whose driver left, after they published readings WHEN a
     * listener registers THEN nothing stale is replayed for either.
     */
    @Test
    void nothingStaleIsReplayed() {
        poller.put("pid-1", device("tank", "fake-1s", "a", null));
        poller.put("pid-2", device("smoke-302", "fake-push", "smoke=17", null));
        time.advance(1_500);
        push.sinks.get("smoke-302").accept(List.of(Reading.good("smoke-302", "smoke", true, null, time)));
        poller.remove("pid-1");
        poller.removeDriver("push", push);

        Fixtures.Recorder late = new Fixtures.Recorder();
        poller.addListener(late);

        assertThat(late.batches).isEmpty();
        assertThat(late.communication).isEmpty();
    }

    /** GIVEN a listener registered from the start WHEN a device publishes THEN it gets each reading once (no replay). */
    @Test
    void earlyListenerGetsNoReplay() {
        Fixtures.Recorder early = new Fixtures.Recorder();
        poller.addListener(early);
        poller.put("pid-1", device("tank", "fake-1s", "a", null));
        time.advance(2_500);

        assertThat(early.readings("tank")).hasSize(3);
    }
}
