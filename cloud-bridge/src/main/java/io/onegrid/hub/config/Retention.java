package io.onegrid.hub.config;

import java.time.Duration;

/**
 * How long the hub keeps rows that would otherwise grow without bound, counted on the hub's clock.
 *
 * @param dedupKeys (gateway, boot, seq) de-duplication keys; must outlast any gateway outbox backlog, since a
 *                  message re-sent after its key was pruned is stored a second time
 * @param telemetry telemetry readings
 * @param stream    the live stream's event log ({@code hub_events}), which a client resuming with Last-Event-ID
 *                  replays; a client away longer than this reloads instead
 * @param webhookDeliveries delivered and given-up webhook deliveries (open ones are kept until they end)
 */
public record Retention(Duration dedupKeys, Duration telemetry, Duration stream, Duration webhookDeliveries) { }
