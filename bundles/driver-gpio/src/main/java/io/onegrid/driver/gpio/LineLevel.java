package io.onegrid.driver.gpio;

/** The electrical level of a GPIO line as a backend sees it; UNKNOWN while the backend cannot tell. */
public enum LineLevel {
    LOW, HIGH, UNKNOWN;

    public static LineLevel of(boolean high) {
        return high ? HIGH : LOW;
    }
}
