package io.onegrid.sim.gpio;

import io.onegrid.profile.GpioPoint;

/** A simulated GPIO line bound to one channel of a simulated device; level is electrical (0 low, 1 high). */
record GpioLine(String name, String deviceId, String channel, GpioPoint.Direction direction,
                GpioPoint.Level activeLevel) {

    /** Electrical level for a logical value: true means the line is at its active level. */
    int levelOf(boolean logical) {
        boolean high = activeLevel == GpioPoint.Level.HIGH ? logical : !logical;
        return high ? 1 : 0;
    }

    boolean logicalOf(int level) {
        boolean high = level != 0;
        return activeLevel == GpioPoint.Level.HIGH ? high : !high;
    }
}
