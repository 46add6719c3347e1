package io.onegrid.api;

/**
 * The gateway's two clocks. Wall time may be wrong (a Pi has no real-time clock); monotonic time since
 * boot is always right within one boot. Injected everywhere time matters so tests can drive it.
 */
public interface GatewayClock {
    /** Wall-clock epoch milliseconds. */
    long wallMs();

    /** Milliseconds since this gateway process started; never goes backwards. */
    long monoMs();

    /** The system clocks. */
    GatewayClock SYSTEM = new GatewayClock() {
        private final long startNanos = System.nanoTime();

        @Override
        public long wallMs() {
            return System.currentTimeMillis();
        }

        @Override
        public long monoMs() {
            return (System.nanoTime() - startNanos) / 1_000_000L;
        }
    };
}
