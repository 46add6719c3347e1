package io.onegrid.hub.store;

/**
 * What the hub knows about one gateway boot's clock: {@code bootStartHub} is its estimate of when the boot
 * started in hub time, {@code skewMs} how far the gateway's wall clock was off on its newest message
 * (positive: ahead of the hub), {@code corrected} whether that exceeds the tolerance, so that the hub uses
 * {@code bootStartHub + mono} instead of the gateway's wall time.
 */
public record BootClock(long bootStartHub, long skewMs, boolean corrected) {

    /** The hub-time estimate of a timestamp of this boot. */
    public long correctedOf(long monoMs) {
        return bootStartHub + monoMs;
    }

    /** The time the hub stores for a timestamp: the estimate while correcting, else the gateway's wall time. */
    public long effective(long wallMs, long monoMs) {
        return corrected ? correctedOf(monoMs) : wallMs;
    }

    static long skew(long bootStartHub, long lastWall, long lastMono) {
        return lastWall - (bootStartHub + lastMono);
    }
}
