package io.onegrid.hub.cases;

import java.time.Duration;

/**
 * Time limits of one case category (CJ/T 315 sets one per category): from filing to dispatch, from dispatch to
 * acceptance, and from filing to resolution. Counted in hub time.
 */
public record SlaLimits(Duration dispatch, Duration accept, Duration resolve) { }
