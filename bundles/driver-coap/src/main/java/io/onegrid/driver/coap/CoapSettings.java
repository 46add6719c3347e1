package io.onegrid.driver.coap;

import java.time.Duration;

/**
 * The CoAP driver's settings, for the OSGi component ({@link CoapDriverConfig}) and for plain-Java users such as the
 * installer's probe.
 *
 * @param maxPayloadBytes largest response body accepted, block-wise transfers included; a larger one is a BAD reading
 * @param threads         protocol threads shared by every CoAP device of the gateway
 * @param defaultTimeout  request timeout for a profile without {@code poll.timeout}
 */
public record CoapSettings(int maxPayloadBytes, int threads, Duration defaultTimeout) {
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 8192;
    public static final int DEFAULT_THREADS = 2;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    public CoapSettings {
        if (maxPayloadBytes < 16 || maxPayloadBytes > 1 << 20) {
            throw new IllegalArgumentException("maxPayloadBytes must lie in 16..1048576, got " + maxPayloadBytes);
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must lie in 1..64, got " + threads);
        }
        if (defaultTimeout == null || defaultTimeout.isNegative() || defaultTimeout.isZero()) {
            throw new IllegalArgumentException("defaultTimeout must be positive, got " + defaultTimeout);
        }
    }

    /** The defaults, which suit most devices. */
    public static CoapSettings defaults() {
        return new CoapSettings(DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_THREADS, DEFAULT_TIMEOUT);
    }
}
