package io.onegrid.sim.scenario;

import java.time.Duration;

/** A numeric channel moving linearly from its value at the step's time to {@code to} over {@code over}. */
public record Ramp(double to, Duration over) { }
