package io.onegrid.poller;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How reported readings become telemetry messages (configuration PID io.onegrid.telemetry, optional). */
@ObjectClassDefinition(id = TelemetryComponent.PID, name = "OneGrid telemetry reporting",
        description = "Batching of readings the report policy lets through.")
public @interface TelemetryConfig {
    @AttributeDefinition(name = "Flush interval (ms)", min = "0",
            description = "A telemetry message leaves at most this long after its first reading.")
    int flushIntervalMs() default 1000;

    @AttributeDefinition(name = "Readings per message", min = "1",
            description = "A telemetry message leaves at once when it holds this many readings.")
    int maxBatch() default 50;

    @AttributeDefinition(name = "Readings waiting at most", min = "1",
            description = "When the outbox falls behind, older waiting readings beyond this are dropped.")
    int maxPending() default 5000;

    @AttributeDefinition(name = "Default heartbeat (s)", min = "1",
            description = "Every channel is reported at least this often when its profile gives no heartbeat.")
    int defaultHeartbeatSeconds() default 900;
}
