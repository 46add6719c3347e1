package io.onegrid.profile;

import java.time.Duration;

/**
 * A GPIO line: direction, pull resistor, which electrical level means "true", and how long an input
 * must hold a level before it counts (debounce).
 */
public record GpioPoint(Direction direction, Pull pull, Level activeLevel, Duration debounce) {
    public enum Direction { IN, OUT }
    public enum Pull { NONE, UP, DOWN }
    public enum Level { LOW, HIGH }
}
