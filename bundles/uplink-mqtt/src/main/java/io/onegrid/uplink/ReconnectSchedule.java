package io.onegrid.uplink;

import io.onegrid.profile.Backoff;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * When the uplink tries to connect next. Normally the reconnect backoff: doubling up to a minute, jittered, so a
 * fleet that lost the hub together does not come back in lock step. While an alarm waits in the outbox the next
 * attempt is never more than {@link #URGENT_MAX_MS} away (jittered too), and an alarm appended while the next attempt
 * is further off brings it forward: a fire raised during a hub outage reaches the hub seconds after the hub is back,
 * not up to a minute. At any moment few gateways of a city have an alarm waiting, so this does not bring back the
 * herd the backoff keeps away. Confined to the uplink's executor thread.
 */
final class ReconnectSchedule {
    static final long URGENT_MAX_MS = 5_000;

    private final ScheduledExecutorService executor;
    private final Backoff.Retries backoff;
    private final BooleanSupplier alarmWaiting;
    private final Runnable connect;
    private final Random random;
    private ScheduledFuture<?> next;

    /** @param alarmWaiting whether an alarm waits in the outbox (a store read, on the executor thread) */
    ReconnectSchedule(ScheduledExecutorService executor, Backoff.Retries backoff, BooleanSupplier alarmWaiting,
                      Runnable connect, Random random) {
        this.executor = executor;
        this.backoff = backoff;
        this.alarmWaiting = alarmWaiting;
        this.connect = connect;
        this.random = random;
    }

    /** After a failed attempt or a lost connection: schedules the next attempt and returns its delay. */
    long scheduleNext() {
        long delay = backoff.next();
        if (delay > URGENT_MAX_MS && alarmWaiting.getAsBoolean()) delay = urgent();
        at(delay);
        return delay;
    }

    /**
     * Something was appended to the outbox while not connected: if the next attempt is more than
     * {@link #URGENT_MAX_MS} away and an alarm waits, brings it forward. Returns the delay of the next attempt now,
     * or -1 when none is scheduled (connected, or connecting right now).
     */
    long appended() {
        if (next == null || next.isDone()) return -1;
        long left = next.getDelay(TimeUnit.MILLISECONDS);
        if (left > URGENT_MAX_MS && alarmWaiting.getAsBoolean() && next.cancel(false)) {
            left = urgent();
            at(left);
        }
        return left;
    }

    /** Connected: the next loss starts the backoff from the beginning. */
    void connected() {
        backoff.reset();
        next = null;
    }

    void cancel() {
        if (next != null) next.cancel(false);
    }

    /** Between half of and all of {@link #URGENT_MAX_MS}, like the backoff's own jitter. */
    private long urgent() {
        return URGENT_MAX_MS / 2 + (long) (random.nextDouble() * (URGENT_MAX_MS / 2));
    }

    private void at(long delayMs) {
        next = executor.schedule(connect, delayMs, TimeUnit.MILLISECONDS);
    }
}
