package io.onegrid.hub.store;

import java.time.Instant;

/**
 * KPIs of a grid subtree over cases filed in [from, to) (formulas in docs/cases.md). Rates are null when their
 * denominator is 0; times are in seconds, null when no case reached the stage.
 */
public record Kpis(String node, Instant from, Instant to, long filed, long due, long closed, long closedOnTime,
                   long reworked, long falseAlarms, Double closureRate, Double onTimeClosureRate, Double reworkRate,
                   Double falseAlarmRate, Percentiles toDispatch, Percentiles toAccept, Percentiles toResolve,
                   Percentiles toClose, long devices, long devicesOnline, Double deviceAvailability) {

    /** Median and 90th percentile, in seconds. */
    public record Percentiles(long count, Double p50, Double p90) { }
}
