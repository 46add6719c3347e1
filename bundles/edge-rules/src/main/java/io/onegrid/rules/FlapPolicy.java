package io.onegrid.rules;

import java.time.Duration;

/**
 * Flapping suppression: a rule whose alarm changed state (raise or clear) more than {@code maxChanges}
 * times within {@code window} is held raised; its clear is sent only once the clear condition has held,
 * with no new raise condition, for a whole {@code window}.
 */
public record FlapPolicy(int maxChanges, Duration window) {
    /** Four changes (two raise/clear cycles) per ten minutes: a third cycle is held. */
    public static final FlapPolicy DEFAULT = new FlapPolicy(4, Duration.ofMinutes(10));

    public FlapPolicy {
        if (maxChanges < 1) throw new IllegalArgumentException("flapping maxChanges must be at least 1, got " + maxChanges);
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("flapping window must be positive, got " + window);
        }
    }
}
