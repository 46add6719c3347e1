package io.onegrid.poller;

import static io.onegrid.poller.Fixtures.device;
import static io.onegrid.poller.Fixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.onegrid.api.DriverException;
import io.onegrid.api.DriverException.Code;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Reading;
import io.onegrid.api.ReadingListener;
import io.onegrid.profile.DeviceProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bus queues on real threads and real time: serialization within a bus, parallelism across buses, writes. */
class BusQueueThreadsTest {
    private static final DeviceProfile FAST = profile("fast", "fake", Duration.ofMillis(20));
    private static final DeviceProfile PUSH = profile("push", "push", null);

    private final FakeDriver driver = new FakeDriver("fake", GatewayClock.SYSTEM);
    private final ExecutorScheduler scheduler = new ExecutorScheduler("test-timer");
    private final ExecutorService buses = Executors.newCachedThreadPool();
    private Poller poller;

    @BeforeEach
    void setUp() {
        poller = new Poller(Fixtures.catalog(FAST, PUSH), scheduler, buses, GatewayClock.SYSTEM,
                new PollerSettings(3, 2_000, 0.2, 1_000, 300), new Random(3));
    }

    @AfterEach
    void tearDown() {
        poller.close();
        scheduler.close();
        buses.shutdownNow();
    }

    /** Two devices on one bus are never polled at the same time, while two buses do poll at the same time. */
    @Test
    void serialWithinABusParallelAcrossBuses() {
        Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();
        AtomicInteger busesAtOnce = new AtomicInteger();
        AtomicInteger maxBusesAtOnce = new AtomicInteger();
        AtomicInteger polls = new AtomicInteger();
        FakeDriver.PollScript script = d -> {
            AtomicInteger mine = inFlight.computeIfAbsent(d.bus(), b -> new AtomicInteger());
            maxInFlight.computeIfAbsent(d.bus(), b -> new AtomicInteger()).accumulateAndGet(mine.incrementAndGet(), Math::max);
            maxBusesAtOnce.accumulateAndGet(busesAtOnce.incrementAndGet(), Math::max);
            try {
                Thread.sleep(3); // the device's answer time on the wire
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            busesAtOnce.decrementAndGet();
            mine.decrementAndGet();
            polls.incrementAndGet();
            return driver.defaultPoll(d);
        };
        for (String id : List.of("a1", "a2", "b1", "b2")) driver.scripts.put(id, script);
        poller.addDriver("fake", driver);
        poller.put("a1", device("a1", "fast", "x", "bus-a"));
        poller.put("a2", device("a2", "fast", "y", "bus-a"));
        poller.put("b1", device("b1", "fast", "z", "bus-b"));
        poller.put("b2", device("b2", "fast", "w", "bus-b"));

        await().atMost(Duration.ofSeconds(10)).until(() -> polls.get() >= 200 && maxBusesAtOnce.get() >= 2);

        assertThat(maxInFlight.get("bus-a")).hasValue(1);
        assertThat(maxInFlight.get("bus-b")).hasValue(1);
    }

    /** Two buses make progress at the same moment: each poll waits for the other bus's poll to start. */
    @Test
    void busesRunInParallel() {
        CountDownLatch both = new CountDownLatch(2);
        AtomicBoolean metOther = new AtomicBoolean(true);
        AtomicInteger done = new AtomicInteger();
        FakeDriver.PollScript rendezvous = d -> {
            both.countDown();
            try {
                if (!both.await(5, TimeUnit.SECONDS)) metOther.set(false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.incrementAndGet();
            return driver.defaultPoll(d);
        };
        driver.scripts.put("a1", rendezvous);
        driver.scripts.put("b1", rendezvous);
        poller.addDriver("fake", driver);
        poller.put("a1", device("a1", "fast", "x", "bus-a"));
        poller.put("b1", device("b1", "fast", "z", "bus-b"));

        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() >= 2);
        assertThat(metOther).isTrue();
    }

    /** A dead device whose poll blocks 200 ms (its timeout) never holds up its neighbour for much longer than that. */
    @Test
    void deadDeviceHoldsItsNeighbourAtMostItsTimeout() {
        driver.scripts.put("dead", d -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new DriverException(Code.TIMEOUT, "no answer within 200 ms");
        });
        List<Long> livePolls = java.util.Collections.synchronizedList(new ArrayList<>());
        driver.scripts.put("live", d -> {
            livePolls.add(System.nanoTime());
            return driver.defaultPoll(d);
        });
        poller.addDriver("fake", driver);
        poller.put("dead", device("dead", "fast", "x", "rs485"));
        poller.put("live", device("live", "fast", "y", "rs485"));

        await().atMost(Duration.ofSeconds(10)).until(() -> driver.entries("poll dead").size() >= 6 && livePolls.size() >= 10);

        long worstGapMs = 0;
        synchronized (livePolls) {
            for (int i = 1; i < livePolls.size(); i++) {
                worstGapMs = Math.max(worstGapMs, (livePolls.get(i) - livePolls.get(i - 1)) / 1_000_000);
            }
        }
        // interval 20 ms + one 200 ms timeout, plus scheduling slack on a loaded machine
        assertThat(worstGapMs).isLessThan(20 + 200 + 250);
    }

    /** A listener on a bus thread may write to a device on the same bus (smoke sounds the siren) without deadlock. */
    @Test
    void listenerWritesOnItsOwnBus() {
        FakeDriver push = new FakeDriver("push", GatewayClock.SYSTEM);
        push.polled = false;
        AtomicReference<Exception> writeError = new AtomicReference<>();
        poller.addListener(new ReadingListener() {
            @Override
            public void onReadings(List<Reading> readings) {
                for (Reading r : readings) {
                    if ("smoke".equals(r.channel()) && Boolean.TRUE.equals(r.value())) {
                        try {
                            poller.write(r.deviceId(), "siren", true);
                        } catch (DriverException e) {
                            writeError.set(e);
                        }
                    }
                }
            }
        });
        poller.addDriver("push", push);
        poller.put("smoke", device("smoke-302", "push", "smoke=17,siren=27", null));
        await().atMost(Duration.ofSeconds(5)).until(() -> poller.online("smoke-302"));

        push.sinks.get("smoke-302").accept(List.of(Reading.good("smoke-302", "smoke", true, null, GatewayClock.SYSTEM)));

        await().atMost(Duration.ofSeconds(5)).until(() -> push.log.contains("write smoke-302 siren=true"));
        assertThat(writeError.get()).isNull();
    }

    /** A write that cannot get its bus within the write wait fails with TIMEOUT and is not carried out later. */
    @Test
    void writeGivesUpOnABusyBus() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch polling = new CountDownLatch(1);
        driver.scripts.put("slow", d -> {
            polling.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return driver.defaultPoll(d);
        });
        poller.addDriver("fake", driver);
        poller.put("slow", device("slow", "fast", "x", "rs485"));
        await().atMost(Duration.ofSeconds(5)).until(() -> polling.getCount() == 0);

        assertThatThrownBy(() -> poller.write("slow", "siren", true))
                .satisfies(e -> assertThat(((DriverException) e).code()).isEqualTo(Code.TIMEOUT))
                .hasMessageContaining("did not take the write of siren within 300 ms");
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> driver.entries("poll slow").size() >= 3);
        assertThat(driver.entries("write")).isEmpty();
    }
}
