package io.onegrid.hub.config;

import java.time.Duration;

/**
 * How long the hub keeps rows that would otherwise grow without bound, counted from the hub's receive time.
 *
 * @param dedupKeys (gateway, boot, seq) de-duplication keys; must outlast any gateway outbox backlog, since a
 *                  message re-sent after its key was pruned is stored a second time
 * @param telemetry telemetry readings
 */
public record Retention(Duration dedupKeys, Duration telemetry) { }
