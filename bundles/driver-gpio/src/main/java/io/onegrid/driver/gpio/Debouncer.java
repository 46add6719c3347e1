package io.onegrid.driver.gpio;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns the raw levels of one input line into stable levels: a new level counts only once it has held
 * for the whole debounce time; a bounce back to the stable level before then is forgotten. Losing or
 * regaining sight of the line (UNKNOWN, or the first level after UNKNOWN) is not an edge and counts at
 * once, so a disconnect is reported immediately and a reconnect snapshot re-syncs without delay.
 * Thread-safe; {@code onStable} is called under this object's lock, so stable levels arrive in order.
 */
public final class Debouncer {
    private final Duration hold;
    private final DebounceScheduler scheduler;
    private final Consumer<LineLevel> onStable;

    private LineLevel stable = LineLevel.UNKNOWN;
    private LineLevel pending;
    private DebounceScheduler.Cancellable timer;
    private long generation;
    private boolean closed;

    public Debouncer(Duration hold, DebounceScheduler scheduler, Consumer<LineLevel> onStable) {
        this.hold = hold == null || hold.isNegative() ? Duration.ZERO : hold;
        this.scheduler = Objects.requireNonNull(scheduler);
        this.onStable = Objects.requireNonNull(onStable);
    }

    /** Feeds one raw level seen on the line. */
    public synchronized void onLevel(LineLevel raw) {
        if (closed) {
            return;
        }
        if (raw == LineLevel.UNKNOWN || stable == LineLevel.UNKNOWN) {
            cancelPending();
            settleNow(raw);
            return;
        }
        if (raw == pending) {
            return;
        }
        cancelPending();
        if (raw == stable) {
            return;
        }
        if (hold.isZero()) {
            settleNow(raw);
            return;
        }
        pending = raw;
        long mine = generation;
        timer = scheduler.schedule(() -> settle(mine), hold);
    }

    /** The last level that counted. */
    public synchronized LineLevel stable() {
        return stable;
    }

    /** Calls off a pending level; nothing more is reported. */
    public synchronized void close() {
        closed = true;
        cancelPending();
    }

    private synchronized void settle(long expectedGeneration) {
        if (expectedGeneration != generation || pending == null) {
            return;
        }
        LineLevel level = pending;
        pending = null;
        timer = null;
        settleNow(level);
    }

    private void settleNow(LineLevel level) {
        if (level == stable) {
            return;
        }
        stable = level;
        onStable.accept(level);
    }

    private void cancelPending() {
        generation++;
        pending = null;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
