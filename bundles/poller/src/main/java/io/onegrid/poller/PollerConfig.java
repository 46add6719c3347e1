package io.onegrid.poller;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How the poller treats devices that stop answering (configuration PID io.onegrid.poller, optional). */
@ObjectClassDefinition(id = PollerComponent.PID, name = "OneGrid poller",
        description = "Polling, backoff and write settings shared by all devices.")
public @interface PollerConfig {
    @AttributeDefinition(name = "Failures before offline", min = "1",
            description = "Consecutive failed polls before a device is marked offline and a communication fault is raised.")
    int failuresBeforeOffline() default 3;

    @AttributeDefinition(name = "Longest backoff (s)", min = "1",
            description = "An offline device is retried at twice its poll interval, doubling up to this.")
    int maxBackoffSeconds() default 60;

    @AttributeDefinition(name = "Backoff jitter (%)", min = "0", max = "100",
            description = "Each backoff wait is shortened by a random share up to this, so devices spread out.")
    int jitterPercent() default 20;

    @AttributeDefinition(name = "Default poll interval (s)", min = "1",
            description = "Used for profiles that give no poll interval.")
    int defaultPollIntervalSeconds() default 10;

    @AttributeDefinition(name = "Write wait (ms)", min = "1",
            description = "How long a channel write waits for its bus before it fails with TIMEOUT.")
    int writeWaitMs() default 5000;
}
