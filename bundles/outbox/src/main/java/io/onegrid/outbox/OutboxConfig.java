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

    @AttributeDefinition(description = "Group-commit window in milliseconds: appends arriving within it share"
            + " one transaction (one fsync). An alarm closes the window at once. 0 commits whatever is queued.")
    long commitIntervalMs() default 20;
}
