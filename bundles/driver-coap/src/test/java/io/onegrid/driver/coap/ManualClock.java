package io.onegrid.driver.coap;

import io.onegrid.api.GatewayClock;

import java.util.concurrent.atomic.AtomicLong;

/** A gateway clock that moves only when a test advances it, so silence limits are crossed on cue. */
final class ManualClock implements GatewayClock {
    private static final long EPOCH = 1_780_000_000_000L;
    private final AtomicLong mono = new AtomicLong(1_000);

    @Override
    public long wallMs() {
        return EPOCH + mono.get();
    }

    @Override
    public long monoMs() {
        return mono.get();
    }

    void advanceMs(long ms) {
        mono.addAndGet(ms);
    }
}
