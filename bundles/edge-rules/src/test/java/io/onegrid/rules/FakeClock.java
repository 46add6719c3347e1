package io.onegrid.rules;

import io.onegrid.api.GatewayClock;

import java.time.Duration;
import java.time.Instant;

/** A gateway clock the test moves by hand: wall and monotonic time advance together. */
final class FakeClock implements GatewayClock {
    private long wall;
    private long mono;

    FakeClock(Instant wallStart) {
        this.wall = wallStart.toEpochMilli();
        this.mono = 1_000;
    }

    FakeClock() {
        this(Instant.parse("2026-03-02T10:00:00Z"));
    }

    void advance(Duration d) {
        wall += d.toMillis();
        mono += d.toMillis();
    }

    void advanceSeconds(long s) {
        advance(Duration.ofSeconds(s));
    }

    @Override
    public long wallMs() {
        return wall;
    }

    @Override
    public long monoMs() {
        return mono;
    }
}
