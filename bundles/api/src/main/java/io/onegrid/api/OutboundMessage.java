package io.onegrid.api;

/**
 * A message ready for the outbox: its priority, its kind (the topic leaf: "alarm", "telemetry", ...)
 * and its encoded payload, which already carries the boot id and sequence number the hub de-duplicates on.
 */
public record OutboundMessage(Priority priority, String kind, byte[] payload) { }
