package io.onegrid.rules;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the edge rules (PID io.onegrid.rules); every one has a working default. */
@ObjectClassDefinition(name = "OneGrid edge rules",
        description = "Alarm evaluation at the gateway: flapping suppression, timer, time zone of daily windows.")
public @interface RulesConfig {
    @AttributeDefinition(name = "Flapping: maximum changes",
            description = "A rule whose alarm changed state (raise or clear) more than this many times within the "
                    + "flapping window is held raised until it stays quiet for a whole window.", min = "1")
    int flapMaxChanges() default 4;

    @AttributeDefinition(name = "Flapping: window (seconds)", min = "1")
    int flapWindowSeconds() default 600;

    @AttributeDefinition(name = "Tick interval (ms)",
            description = "How often time-driven rules are evaluated: inactivity, minimum durations, held clears, "
                    + "configuration changes.", min = "50")
    long tickIntervalMs() default 1000;

    @AttributeDefinition(name = "Time zone",
            description = "Zone of daily inactivity windows, for example Asia/Shanghai; empty = the system zone.")
    String timeZone() default "";

    @AttributeDefinition(name = "Persist retry: longest backoff (seconds)",
            description = "When the alarm store fails, transitions stay in memory and are retried with "
                    + "exponential backoff up to this delay.", min = "1")
    int persistRetryMaxSeconds() default 30;

    @AttributeDefinition(name = "Orphan grace (seconds)",
            description = "How long a device may be missing from the configuration (or an alarm restored after a "
                    + "restart may stay unclaimed) before its raised alarms are cleared.", min = "0")
    int orphanGraceSeconds() default 300;
}
