package io.onegrid.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.profile.Backoff;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the uplink reconnects: the backoff, except while an alarm waits (docs/gateway-outbox-uplink.md). */
class ReconnectScheduleTest {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final AtomicBoolean alarmWaiting = new AtomicBoolean();
    private final AtomicInteger attempts = new AtomicInteger();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** A backoff that is already at its one-minute ceiling (the hub has refused for a while). */
    private ReconnectSchedule longOutage() {
        Backoff.Retries retries = new Backoff(new Random(7)).retries(60_000, 60_000, 0.5);
        return new ReconnectSchedule(executor, retries, alarmWaiting::get, attempts::incrementAndGet, new Random(3));
    }

    /** GIVEN no alarm waiting WHEN the next attempt is scheduled THEN it follows the backoff (30 to 60 s). */
    @Test
    void withoutAlarmsTheBackoffRules() {
        ReconnectSchedule s = longOutage();

        assertThat(s.scheduleNext()).isBetween(30_000L, 60_000L);
        assertThat(s.appended()).as("a telemetry append changes nothing").isGreaterThan(ReconnectSchedule.URGENT_MAX_MS);
    }

    /** GIVEN an alarm waiting WHEN the next attempt is scheduled THEN it is at most 5 s away, jittered (2.5 to 5 s). */
    @Test
    void anAlarmWaitingKeepsTheNextAttemptClose() {
        alarmWaiting.set(true);
        ReconnectSchedule s = longOutage();

        for (int i = 0; i < 20; i++) {
            s.cancel();
            assertThat(s.scheduleNext()).isBetween(ReconnectSchedule.URGENT_MAX_MS / 2, ReconnectSchedule.URGENT_MAX_MS);
        }
    }

    /**
     * GIVEN an attempt scheduled a minute away WHEN an alarm is appended THEN the attempt is brought forward to at
     * most 5 s, once (a second append leaves it), and nothing runs twice.
     */
    @Test
    void anAlarmAppendedBringsAFarAttemptForward() throws Exception {
        ReconnectSchedule s = longOutage();
        assertThat(s.scheduleNext()).isGreaterThan(ReconnectSchedule.URGENT_MAX_MS);

        alarmWaiting.set(true);
        long now = s.appended();
        long again = s.appended();

        assertThat(now).isBetween(ReconnectSchedule.URGENT_MAX_MS / 2, ReconnectSchedule.URGENT_MAX_MS);
        assertThat(again).isLessThanOrEqualTo(now);
        assertThat(attempts.get()).isZero();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> attempts.get() == 1);
        assertThat(s.appended()).as("connecting or connected: nothing scheduled").isEqualTo(-1);
    }

    /** GIVEN a connection WHEN it is lost again THEN the backoff starts from its first delay. */
    @Test
    void aConnectionResetsTheBackoff() {
        Backoff.Retries retries = new Backoff(new Random(7)).retries(1_000, 60_000, 0.5);
        ReconnectSchedule s = new ReconnectSchedule(executor, retries, alarmWaiting::get, attempts::incrementAndGet, new Random(3));
        for (int i = 0; i < 8; i++) {
            s.cancel();
            s.scheduleNext();
        }
        s.cancel();
        s.connected();

        assertThat(s.scheduleNext()).isBetween(500L, 1_000L);
        s.cancel();
    }
}
