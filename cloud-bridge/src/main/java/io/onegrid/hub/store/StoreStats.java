package io.onegrid.hub.store;

/** Row counts, for the health endpoint and tests. */
public record StoreStats(int schemaVersion, long gateways, long gatewaysOnline, long messages, long alarms,
                         long cases, long openCases, long telemetry, long events) { }
