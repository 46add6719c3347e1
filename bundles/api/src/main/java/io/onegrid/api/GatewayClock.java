package io.onegrid.api;

/**
 * The gateway's two clocks. Wall time may be wrong (a Pi has no real-time clock); monotonic time since
 * boot is always right within one boot. Injected everywhere time matters so tests can drive it.
 */
public interface GatewayClock {
    /**
     * For tests only: a system property of the gateway's JVM, in milliseconds added to {@link #SYSTEM}'s wall clock
     * (negative: behind), so an end-to-end test can run the real gateway with its clock as wrong as a board without a
     * real-time clock boots with, without changing the machine's clock. Read once, when the gateway starts; a value
     * that is not a whole number counts as 0. The monotonic clock is never shifted. Nothing sets it in production.
     */
    String TEST_WALL_OFFSET_PROPERTY = "onegrid.test.wallClockOffsetMs";

    /** Wall-clock epoch milliseconds. */
    long wallMs();

    /** Milliseconds since this gateway process started; never goes backwards. */
    long monoMs();

    /** The system clocks (the wall clock shifted only if a test set {@value #TEST_WALL_OFFSET_PROPERTY}). */
    GatewayClock SYSTEM = system(Long.getLong(TEST_WALL_OFFSET_PROPERTY, 0L));

    /** The system clocks, with {@code wallOffsetMs} added to the wall clock. */
    static GatewayClock system(long wallOffsetMs) {
        long startNanos = System.nanoTime();
        return new GatewayClock() {
            @Override
            public long wallMs() {
                return System.currentTimeMillis() + wallOffsetMs;
            }

            @Override
            public long monoMs() {
                return (System.nanoTime() - startNanos) / 1_000_000L;
            }
        };
    }
}
