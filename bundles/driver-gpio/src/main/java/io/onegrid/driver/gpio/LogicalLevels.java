package io.onegrid.driver.gpio;

import io.onegrid.api.DriverException;
import io.onegrid.profile.GpioPoint;

/** Maps between logical channel values (true = active) and electrical levels, per the point's active level. */
final class LogicalLevels {
    private LogicalLevels() {
    }

    /** True when the line is at its active level: with active LOW, electrical 0 means true. */
    static boolean logical(GpioPoint point, LineLevel level) {
        boolean high = level == LineLevel.HIGH;
        return activeLow(point) != high;
    }

    static LineLevel electrical(GpioPoint point, boolean logical) {
        return LineLevel.of(activeLow(point) != logical);
    }

    /** Accepts Boolean, "true"/"false"/"1"/"0"/"on"/"off", and the numbers 0 and 1. */
    static boolean parse(String deviceId, String channel, Object value) throws DriverException {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n && (n.doubleValue() == 0.0 || n.doubleValue() == 1.0)) {
            return n.doubleValue() == 1.0;
        }
        if (value instanceof String s) {
            switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "1", "on":
                    return true;
                case "false", "0", "off":
                    return false;
                default:
                    break;
            }
        }
        throw new DriverException(DriverException.Code.DECODE, "GPIO device " + deviceId + " channel " + channel
                + " takes true or false, not " + (value == null ? "null" : "'" + value + "'"));
    }

    private static boolean activeLow(GpioPoint point) {
        return point.activeLevel() == GpioPoint.Level.LOW;
    }
}
