package io.onegrid.profile;

/** The kinds of edge alarm rule. See docs/architecture.md and the edge-rules bundle. */
public enum RuleKind {
    /** channel equals a value (smoke = true). */
    STATE,
    /** above/below a limit with hysteresis, held for a minimum duration. */
    THRESHOLD,
    /** change per unit time beyond a limit. */
    RATE,
    /** no activity on a channel for a duration, optionally only within a daily window (elder welfare). */
    INACTIVITY,
    /** the device stopped answering. */
    COMM_FAULT,
    /** a tamper channel or enclosure switch became active. */
    TAMPER
}
