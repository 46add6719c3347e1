package io.onegrid.uplink;

import io.onegrid.api.GatewayClock;
import java.util.concurrent.atomic.AtomicLong;

/** A gateway clock tests set: wall and monotonic time move only when told. */
final class TestClock implements GatewayClock {
    final AtomicLong wall = new AtomicLong(1_795_300_000_000L);
    final AtomicLong mono = new AtomicLong(10_000);

    @Override
    public long wallMs() {
        return wall.get();
    }

    @Override
    public long monoMs() {
        return mono.get();
    }

    void advance(long ms) {
        wall.addAndGet(ms);
        mono.addAndGet(ms);
    }
}
