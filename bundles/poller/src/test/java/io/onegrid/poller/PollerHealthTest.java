package io.onegrid.poller;

import static io.onegrid.poller.Fixtures.device;
import static io.onegrid.poller.Fixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.api.CommState;
import io.onegrid.api.DeviceHealth;
import io.onegrid.api.DriverException;
import io.onegrid.api.DriverException.Code;
import io.onegrid.api.Reading;
import io.onegrid.profile.DeviceProfile;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the poller tells the heartbeat about each device, in virtual time with bus jobs run inline. */
class PollerHealthTest {
    private static final DeviceProfile FAKE = profile("fake-1s", "fake", Duration.ofSeconds(1));

    private final ManualTime time = new ManualTime();
    private final FakeDriver driver = new FakeDriver("fake", time);
    private final AtomicBoolean answering = new AtomicBoolean(true);
    private Poller poller;

    @BeforeEach
    void setUp() {
        // jitter 0, so the backoff of an offline device is exact
        poller = new Poller(Fixtures.catalog(FAKE), time, Runnable::run, time,
                new PollerSettings(3, 8_000, 0, 10_000, 1_000), new Random(42));
        driver.scripts.put("tank", d -> {
            if (!answering.get()) throw new DriverException(Code.TIMEOUT, "no answer within 200 ms");
            return driver.defaultPoll(d);
        });
    }

    /**
     * GIVEN a device polled every second WHEN it answers, misses one poll, misses three in a row and answers again
     * THEN it is OK, DEGRADED, DOWN and OK, and the age of its last reading is counted from the last answer.
     */
    @Test
    void stateFollowsThePollsAndAgeTheLastAnswer() {
        poller.addDriver("fake", driver);
        poller.put("pid-1", device("tank", "fake-1s", "a", null));
        time.advance(2_500);                                      // polls at 0, 1000, 2000
        assertThat(poller.health("tank")).isEqualTo(new DeviceHealth(CommState.OK, 500L));

        answering.set(false);
        time.advance(1_000);                                      // 3000 fails
        assertThat(poller.health("tank")).isEqualTo(new DeviceHealth(CommState.DEGRADED, 1_500L));
        assertThat(poller.online("tank")).isTrue();

        time.advance(2_000);                                      // 4000 and 5000 fail: offline
        assertThat(poller.health("tank").state()).isEqualTo(CommState.DOWN);
        assertThat(poller.health("tank").lastReadingAgeMs()).isEqualTo(3_500L); // the BAD readings do not count
        assertThat(poller.online("tank")).isFalse();

        answering.set(true);
        time.advance(10_000);
        assertThat(poller.health("tank").state()).isEqualTo(CommState.OK);
        assertThat(poller.health("tank").lastReadingAgeMs()).isLessThan(1_000L);
    }

    /** GIVEN a device without its driver, and an id nobody configured THEN both are UNKNOWN without a reading age. */
    @Test
    void notConnectedIsUnknown() {
        poller.put("pid-1", device("tank", "fake-1s", "a", null));
        time.advance(5_000);

        assertThat(poller.health("tank")).isEqualTo(DeviceHealth.UNKNOWN);
        assertThat(poller.health("nobody")).isEqualTo(DeviceHealth.UNKNOWN);
    }

    /**
     * GIVEN a device that answered and is then reconfigured to an address that refuses connections WHEN asked
     * THEN its last reading is still the one before the change (the device is the same) and it is not OK.
     */
    @Test
    void reconfigurationKeepsTheLastReading() {
        poller.addDriver("fake", driver);
        poller.put("pid-1", device("tank", "fake-1s", "a", null));
        time.advance(1_500);
        driver.connectFailures.put("tank", new DriverException(Code.NO_ROUTE, "connection refused"));

        poller.put("pid-1", device("tank", "fake-1s", "b", null));
        time.advance(500);

        DeviceHealth h = poller.health("tank");
        assertThat(h.state()).isEqualTo(CommState.UNKNOWN);
        assertThat(h.lastReadingAgeMs()).isEqualTo(1_000L);
    }

    /** GIVEN a push device whose driver delivers a BAD reading only THEN it is OK but has no reading age yet. */
    @Test
    void badReadingsAreNoReading() {
        driver.polled = false;
        poller.addDriver("fake", driver);
        poller.put("pid-1", device("tank", "fake-1s", "a", null));
        time.advance(100);

        driver.sinks.get("tank").accept(List.of(Reading.bad("tank", "level", "m", time)));
        time.advance(100);

        assertThat(poller.health("tank")).isEqualTo(new DeviceHealth(CommState.OK, null));
    }
}
