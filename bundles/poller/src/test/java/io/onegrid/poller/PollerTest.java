package io.onegrid.poller;

import static io.onegrid.poller.Fixtures.device;
import static io.onegrid.poller.Fixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.api.DeviceRef;
import io.onegrid.api.DriverException;
import io.onegrid.api.DriverException.Code;
import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import io.onegrid.api.ReadingListener;
import io.onegrid.profile.DeviceProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The poller in virtual time with bus jobs run inline, so every schedule is exact. */
class PollerTest {
    private static final DeviceProfile FAKE = profile("fake-1s", "fake", Duration.ofSeconds(1));
    private static final DeviceProfile PUSH = profile("fake-push", "push", null);

    private final ManualTime time = new ManualTime();
    private final FakeDriver driver = new FakeDriver("fake", time);
    private final Fixtures.Recorder recorder = new Fixtures.Recorder();
    private Poller poller;

    @BeforeEach
    void setUp() {
        poller = new Poller(Fixtures.catalog(FAKE, PUSH), time, Runnable::run, time,
                new PollerSettings(3, 8_000, 0.2, 10_000, 1_000), new Random(42));
        poller.addListener(recorder);
    }

    private List<Long> pollTimes(String deviceId) {
        List<Long> times = new ArrayList<>();
        for (String entry : driver.entries("poll " + deviceId + " @")) {
            times.add(Long.parseLong(entry.substring(entry.indexOf('@') + 1)));
        }
        return times;
    }

    /** A device polls at its profile's interval and every batch reaches the listeners with its bus set. */
    @Test
    void pollsAtTheProfileInterval() {
        poller.addDriver("fake", driver);
        poller.put("pid-1", device("tank", "fake-1s", "10.0.0.5:502/1", null));

        time.advance(3_500);

        assertThat(driver.entries("connect")).containsExactly("connect tank 10.0.0.5:502/1");
        assertThat(pollTimes("tank")).containsExactly(0L, 1_000L, 2_000L, 3_000L);
        assertThat(recorder.readings("tank")).hasSize(4).allMatch(r -> r.quality() == Quality.GOOD);
        assertThat(poller.online("tank")).isTrue();
        assertThat(poller.device("tank")).get().extracting(DeviceRef::bus).isEqualTo("fake:10.0.0.5:502/1");
    }

    /** A device whose driver is not registered waits, starts when it arrives, and stops when it leaves. */
    @Test
    void waitsForItsDriver() {
        poller.put("pid-1", device("tank", "fake-1s", "a", null));
        time.advance(5_000);
        assertThat(driver.log).isEmpty();
        assertThat(poller.online("tank")).isFalse();
        assertThat(poller.devices()).extracting(DeviceRef::id).containsExactly("tank");

        poller.addDriver("fake", driver);
        time.advance(1_500);
        assertThat(pollTimes("tank")).containsExactly(5_000L, 6_000L);

        poller.removeDriver("fake", driver);
        time.advance(5_000);
        assertThat(pollTimes("tank")).hasSize(2);
        assertThat(driver.entries("close")).containsExactly("close tank a");
        assertThat(poller.online("tank")).isFalse();
    }

    /** Configurations are applied live: a new device starts, a changed one reconnects, a removed one stops. */
    @Test
    void devicesComeChangeAndGoLive() {
        poller.addDriver("fake", driver);
        poller.put("pid-1", device("tank", "fake-1s", "addr-1", null));
        time.advance(1_500);

        poller.put("pid-2", device("pump", "fake-1s", "addr-2", null));
        poller.put("pid-1", device("tank", "fake-1s", "addr-1b", null));
        time.advance(1_000);
        assertThat(driver.log).contains("close tank addr-1", "connect tank addr-1b", "connect pump addr-2");
        assertThat(poller.device("tank")).get().extracting(DeviceRef::address).isEqualTo("addr-1b");

        poller.remove("pid-2");
        int pumpPolls = pollTimes("pump").size();
        time.advance(5_000);

        assertThat(pollTimes("pump")).hasSize(pumpPolls);
        assertThat(driver.log).contains("close pump addr-2");
        assertThat(poller.devices()).extracting(DeviceRef::id).containsExactly("tank");
        assertThat(poller.device("pump")).isEmpty();
        assertThat(time.scheduled()).isEqualTo(1);
    }

    /**
     * GIVEN a devices listener WHEN a device is added, changed, re-put unchanged and removed THEN the listener
     * hears of each change that alters the device list, and of nothing else; once removed it hears nothing.
     */
    @Test
    void devicesListenerHearsOfEveryChange() {
        AtomicInteger changes = new AtomicInteger();
        Runnable listener = changes::incrementAndGet;
        poller.addDevicesListener(listener);
        poller.addDriver("fake", driver);

        poller.put("pid-1", device("tank", "fake-1s", "a", null));
        assertThat(changes.get()).isEqualTo(1);
        poller.put("pid-1", device("tank", "fake-1s", "a", null));
        assertThat(changes.get()).isEqualTo(1);
        poller.put("pid-1", device("tank", "fake-1s", "b", null));
        assertThat(changes.get()).isEqualTo(2);
        poller.remove("pid-1");
        assertThat(changes.get()).isEqualTo(3);

        poller.removeDevicesListener(listener);
        poller.put("pid-2", device("pump", "fake-1s", "c", null));
        assertThat(changes.get()).isEqualTo(3);
    }

    /** Re-putting an identical configuration changes nothing (no reconnect). */
    @Test
    void identicalConfigurationIsANoOp() {
        poller.addDriver("fake", driver);
        poller.put("pid-1", device("tank", "fake-1s", "a", null));
        time.advance(100);
        poller.put("pid-1", device("tank", "fake-1s", "a", null));
        time.advance(100);
        assertThat(driver.entries("connect")).hasSize(1);
        assertThat(driver.entries("close")).isEmpty();
    }

    /** A second configuration with a device id already in use is ignored; an unknown profile leaves the device idle. */
    @Test
    void rejectsDuplicateIdsAndUnknownProfiles() {
        poller.addDriver("fake", driver);
        poller.put("pid-1", device("tank", "fake-1s", "a", null));
        poller.put("pid-2", device("tank", "fake-1s", "b", null));
        poller.put("pid-3", device("ghost", "no-such-profile", "c", null));
        time.advance(100);

        assertThat(driver.entries("connect")).containsExactly("connect tank a");
        assertThat(poller.devices()).extracting(DeviceRef::id).containsExactly("tank");

        poller.remove("pid-2"); // removing the ignored duplicate must not remove the first
        assertThat(poller.device("tank")).isPresent();
    }

    /**
     * A device that stops answering: after 3 failures it goes offline (one notification, BAD readings),
     * retries back off exponentially up to the cap, and recovery is notified once.
     */
    @Test
    void backsOffAndRecovers() {
        poller.addDriver("fake", driver);
        AtomicInteger answering = new AtomicInteger(1);
        driver.scripts.put("tank", d -> {
            if (answering.get() == 0) throw new DriverException(Code.TIMEOUT, "no answer within 200 ms");
            return driver.defaultPoll(d);
        });
        poller.put("pid-1", device("tank", "fake-1s", "a", null));
        time.advance(500);
        answering.set(0);

        time.advance(60_000);

        List<Long> polls = pollTimes("tank");
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < polls.size(); i++) gaps.add(polls.get(i) - polls.get(i - 1));
        // 1 s interval until the third failure, then min(8 s, 1 s * 2^n) shortened by at most 20 %
        assertThat(gaps.subList(0, 3)).containsExactly(1_000L, 1_000L, 1_000L);
        assertThat(gaps.get(3)).isBetween(1_600L, 2_000L);
        assertThat(gaps.get(4)).isBetween(3_200L, 4_000L);
        assertThat(gaps.subList(5, gaps.size())).allSatisfy(g -> assertThat(g).isBetween(6_400L, 8_000L));
        assertThat(recorder.communication).containsExactly("tank offline: TIMEOUT: no answer within 200 ms");
        assertThat(poller.online("tank")).isFalse();
        List<Reading> bad = recorder.readings("tank").stream().filter(r -> r.quality() == Quality.BAD).toList();
        assertThat(bad).extracting(Reading::channel).containsExactly("level"); // siren is write-only
        assertThat(bad).extracting(Reading::problem).containsExactly("device offline: TIMEOUT: no answer within 200 ms");

        answering.set(1);
        time.advance(10_000);

        assertThat(recorder.communication).containsExactly("tank offline: TIMEOUT: no answer within 200 ms",
                "tank online: answering again");
        assertThat(poller.online("tank")).isTrue();
        long recoveredAt = pollTimes("tank").get(polls.size());
        assertThat(pollTimes("tank")).last().isEqualTo(recoveredAt + 1_000L * (pollTimes("tank").size() - polls.size() - 1));
    }

    /** Two failures then a success stay below the offline threshold: no notification at all. */
    @Test
    void shortHiccupsAreNotFaults() {
        poller.addDriver("fake", driver);
        AtomicInteger calls = new AtomicInteger();
        driver.scripts.put("tank", d -> {
            int n = calls.incrementAndGet();
            if (n == 2 || n == 3) throw new DriverException(Code.TIMEOUT, "lost frame");
            return driver.defaultPoll(d);
        });
        poller.put("pid-1", device("tank", "fake-1s", "a", null));
        time.advance(5_500);

        assertThat(recorder.communication).isEmpty();
        assertThat(pollTimes("tank")).containsExactly(0L, 1_000L, 2_000L, 3_000L, 4_000L, 5_000L);
    }

    /** A connect failure (bad address) counts like a failed poll: offline after three, then backoff. */
    @Test
    void connectFailuresBackOffToo() {
        poller.addDriver("fake", driver);
        driver.connectFailures.put("tank", new DriverException(Code.BAD_ADDRESS, "bad address 'x'"));
        poller.put("pid-1", device("tank", "fake-1s", "x", null));
        time.advance(2_500);

        assertThat(driver.entries("connect")).hasSize(3);
        assertThat(recorder.communication).containsExactly("tank offline: BAD_ADDRESS: bad address 'x'");
        assertThatThrownBy(() -> poller.write("tank", "siren", true))
                .satisfies(e -> assertThat(((DriverException) e).code()).isEqualTo(Code.NO_ROUTE))
                .hasMessageContaining("not connected").hasMessageContaining("bad address");
    }

    /**
     * On one bus, a dead device whose poll blocks for its 200 ms timeout delays a healthy neighbour by
     * at most those 200 ms, every second, and never more.
     */
    @Test
    void deadDeviceDelaysItsBusByAtMostItsTimeout() {
        poller.addDriver("fake", driver);
        driver.scripts.put("dead", d -> {
            time.spend(200);
            throw new DriverException(Code.TIMEOUT, "no answer within 200 ms");
        });
        poller.put("pid-dead", device("dead", "fake-1s", "a", "rs485-1"));
        poller.put("pid-live", device("live", "fake-1s", "b", "rs485-1"));

        time.advance(30_000);

        List<Long> live = pollTimes("live");
        assertThat(live).hasSizeGreaterThanOrEqualTo(29);
        for (int i = 0; i < live.size(); i++) {
            long due = i * 1_000L;
            assertThat(live.get(i) - due).as("lateness of poll %d", i).isBetween(0L, 200L);
        }
    }

    /** Interrupt-driven connections are not polled; what they push reaches the listeners. */
    @Test
    void interruptDrivenDevicesPush() {
        FakeDriver push = new FakeDriver("push", time);
        push.polled = false;
        poller.addDriver("push", push);
        poller.put("pid-1", device("smoke-302", "fake-push", "smoke=17", null));
        time.advance(60_000);

        assertThat(push.entries("poll")).isEmpty();
        assertThat(poller.online("smoke-302")).isTrue();
        push.sinks.get("smoke-302").accept(List.of(Reading.good("smoke-302", "smoke", true, null, time)));

        assertThat(recorder.readings("smoke-302")).extracting(Reading::value).containsExactly(true);
        assertThat(poller.device("smoke-302")).get().extracting(DeviceRef::bus).isEqualTo("push:smoke=17");
    }

    /** Writes reach the device's connection; unknown devices are refused. */
    @Test
    void writesGoToTheConnection() throws DriverException {
        poller.addDriver("fake", driver);
        poller.put("pid-1", device("tank", "fake-1s", "a", null));
        time.advance(10);

        poller.write("tank", "siren", true);

        assertThat(driver.log).contains("write tank siren=true");
        assertThatThrownBy(() -> poller.write("nope", "siren", true))
                .satisfies(e -> assertThat(((DriverException) e).code()).isEqualTo(Code.BAD_ADDRESS))
                .hasMessageContaining("'nope'");
    }

    /** A listener that throws neither stops the other listeners nor the polling. */
    @Test
    void failingListenerIsIsolated() {
        poller.addListener(new ReadingListener() {
            @Override
            public void onReadings(List<Reading> readings) {
                throw new IllegalStateException("listener bug");
            }
        });
        Fixtures.Recorder second = new Fixtures.Recorder();
        poller.addListener(second);
        poller.addDriver("fake", driver);
        poller.put("pid-1", device("tank", "fake-1s", "a", null));

        time.advance(2_500);

        assertThat(second.readings("tank")).hasSize(3);
    }

    /** A device that is reconfigured while offline keeps its fault, so its recovery is still announced. */
    @Test
    void reconfiguredFaultyDeviceStillRecovers() {
        poller.addDriver("fake", driver);
        driver.scripts.put("tank", d -> {
            if (d.address().equals("wrong")) throw new DriverException(Code.NO_ROUTE, "cannot connect");
            return driver.defaultPoll(d);
        });
        poller.put("pid-1", device("tank", "fake-1s", "wrong", null));
        time.advance(5_000);
        assertThat(recorder.communication).containsExactly("tank offline: NO_ROUTE: cannot connect");

        poller.put("pid-1", device("tank", "fake-1s", "right", null));
        time.advance(100);

        assertThat(recorder.communication).containsExactly("tank offline: NO_ROUTE: cannot connect",
                "tank online: answering again");
        assertThat(poller.online("tank")).isTrue();
    }

    /** Removing an offline device closes its fault for the listeners; removing a healthy one says nothing. */
    @Test
    void removingAnOfflineDeviceClosesItsFault() {
        poller.addDriver("fake", driver);
        driver.scripts.put("dead", d -> {
            throw new DriverException(Code.TIMEOUT, "no answer");
        });
        poller.put("pid-1", device("dead", "fake-1s", "a", null));
        poller.put("pid-2", device("fine", "fake-1s", "b", null));
        time.advance(5_000);

        poller.remove("pid-1");
        poller.remove("pid-2");

        assertThat(recorder.communication).containsExactly("dead offline: TIMEOUT: no answer",
                "dead online: device removed from the configuration");
    }

    /** A device configured before its profile is in the catalog starts once it is; a changed profile restarts it. */
    @Test
    void profilesThatAppearOrChangeAreTakenUp() {
        java.util.Map<String, DeviceProfile> catalog = new java.util.concurrent.ConcurrentHashMap<>();
        Poller late = new Poller(id -> java.util.Optional.ofNullable(catalog.get(id)), time, Runnable::run, time,
                PollerSettings.DEFAULTS, new Random(1));
        late.addDriver("fake", driver);
        late.put("pid-1", device("tank", "custom", "a", null));
        late.refreshProfiles();
        time.advance(5_000);
        assertThat(driver.log).isEmpty();

        catalog.put("custom", profile("custom", "fake", Duration.ofSeconds(1)));
        late.refreshProfiles();
        time.advance(1_500);
        assertThat(pollTimes("tank")).containsExactly(5_000L, 6_000L);

        late.refreshProfiles(); // unchanged: nothing happens
        catalog.put("custom", profile("custom", "fake", Duration.ofSeconds(2)));
        late.refreshProfiles();
        time.advance(4_500);

        assertThat(driver.entries("connect")).hasSize(2);
        assertThat(driver.entries("close")).hasSize(1);
        assertThat(pollTimes("tank")).containsExactly(5_000L, 6_000L, 6_500L, 8_500L, 10_500L);
        late.close();
    }

    /** Closing the poller stops every device and closes its connection. */
    @Test
    void closeStopsEverything() {
        poller.addDriver("fake", driver);
        poller.put("pid-1", device("tank", "fake-1s", "a", null));
        time.advance(10);

        poller.close();
        time.advance(10_000);

        assertThat(driver.entries("close")).containsExactly("close tank a");
        assertThat(pollTimes("tank")).hasSize(1);
        assertThat(poller.devices()).isEmpty();
    }
}
