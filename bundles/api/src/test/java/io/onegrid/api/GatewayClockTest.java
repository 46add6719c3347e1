package io.onegrid.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The system clock, and the wall-clock offset end-to-end tests give a real gateway. */
class GatewayClockTest {
    private static final long DAY_MS = 86_400_000L;

    /** GIVEN no offset property in this JVM WHEN reading SYSTEM THEN its wall clock is the machine's. */
    @Test
    void systemIsTheMachineClockUnlessATestShiftsIt() {
        assertThat(System.getProperty(GatewayClock.TEST_WALL_OFFSET_PROPERTY)).isNull();
        long before = System.currentTimeMillis();
        long wall = GatewayClock.SYSTEM.wallMs();
        assertThat(wall).isBetween(before, System.currentTimeMillis());
    }

    /** GIVEN a clock a day behind WHEN reading it THEN only the wall clock is a day off; monotonic time is not. */
    @Test
    void anOffsetShiftsTheWallClockOnly() {
        GatewayClock behind = GatewayClock.system(-DAY_MS);
        long before = System.currentTimeMillis();
        long wall = behind.wallMs();
        assertThat(wall).isBetween(before - DAY_MS, System.currentTimeMillis() - DAY_MS);
        assertThat(behind.monoMs()).isBetween(0L, 1_000L);
    }
}
