package io.onegrid.rules;

/** What one observation says about a rule's condition, before timing and flapping are applied. */
enum Signal {
    /** The alarm condition holds. */
    RAISE,
    /** Neither raising nor clearing (inside the hysteresis band): a raised alarm stays, a pending one resets. */
    HOLD,
    /** The condition is gone (for thresholds: back past limit ∓ hysteresis). */
    CLEAR
}
