package io.onegrid.poller;

/**
 * How the poller treats devices that fail, and the defaults for profiles that omit timing.
 *
 * @param failuresBeforeOffline consecutive failed polls/connects before a device counts as offline
 * @param maxBackoffMs          the longest wait between attempts on an offline device
 * @param jitter                fraction (0..1) by which a backoff wait is randomly shortened
 * @param defaultIntervalMs     poll interval for profiles that give none
 * @param writeWaitMs           how long a channel write waits for its bus before giving up
 */
public record PollerSettings(int failuresBeforeOffline, long maxBackoffMs, double jitter, long defaultIntervalMs,
                             long writeWaitMs) {
    public static final PollerSettings DEFAULTS = new PollerSettings(3, 60_000, 0.2, 10_000, 5_000);

    public PollerSettings {
        if (failuresBeforeOffline < 1) throw new IllegalArgumentException("failuresBeforeOffline must be at least 1");
        if (maxBackoffMs < 1) throw new IllegalArgumentException("maxBackoffMs must be positive");
        if (jitter < 0 || jitter > 1) throw new IllegalArgumentException("jitter must lie in 0..1");
        if (defaultIntervalMs < 1) throw new IllegalArgumentException("defaultIntervalMs must be positive");
        if (writeWaitMs < 1) throw new IllegalArgumentException("writeWaitMs must be positive");
    }
}
