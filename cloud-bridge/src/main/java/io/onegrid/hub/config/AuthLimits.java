package io.onegrid.hub.config;

import java.time.Duration;

/**
 * How many failed password checks are tolerated before further attempts are refused without a check.
 *
 * @param maxFailures           failures per credential key (HTTP: user name at one address; MQTT: gateway id)
 * @param maxFailuresPerAddress failures from one remote address, whatever name it tries (looser)
 * @param lockout               refusals last this long after the key's last failure
 */
public record AuthLimits(int maxFailures, int maxFailuresPerAddress, Duration lockout) { }
