package io.onegrid.outbox;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the outbox (PID io.onegrid.outbox). */
@ObjectClassDefinition(id = OutboxComponent.PID, name = "OneGrid outbox",
        description = "SQLite store-and-forward for everything the gateway sends, and the durable alarm state.")
public @interface OutboxConfig {
    @AttributeDefinition(description = "SQLite file of the outbox (and of the alarm state). Relative paths are"
            + " resolved against the gateway's working directory. Changing it takes effect on the next start.")
    String path() default "./run/gateway/outbox.db";

    @AttributeDefinition(description = "Bound on the payload bytes waiting in the outbox. Above it the oldest"
            + " telemetry is dropped (and counted); alarms and events are never dropped. Default 64 MiB.")
    long maxBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(description = "Extra group-commit window in milliseconds. 0 (default): the writer commits"
            + " whatever queued while the previous commit ran, so concurrent appends still share one fsync and a lone"
            + " append never waits (docs/benchmarks.md: a fixed 20 ms window capped a producer at ~47 appends/s)."
            + " Raise it only to save SD-card writes. An alarm closes the window at once.")
    long commitIntervalMs() default 0;

    @AttributeDefinition(description = "Bound on the payload bytes kept in the quarantine (messages the hub refused"
            + " for good, kept for diagnosis and replay with 'onegrid gateway outbox quarantine'). Above it the oldest"
            + " quarantined non-alarms are deleted first, then the oldest alarms; each deletion is counted and logged."
            + " Default 8 MiB.")
    long quarantineMaxBytes() default OutboxSettings.DEFAULT_QUARANTINE_MAX_BYTES;
}
