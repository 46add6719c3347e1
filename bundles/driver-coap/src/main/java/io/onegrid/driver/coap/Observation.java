package io.onegrid.driver.coap;

import org.eclipse.californium.core.CoapObserveRelation;

/**
 * The state of one observed resource (and the channels read from it): its current relation, when it last heard from the device and the Max-Age that
 * notification carried. An observation is due for (re-)registration when it has none, when the device ended it, or
 * when it went silent: no notification within {@code max(Max-Age, poll interval) + timeout}. Max-Age is how long
 * the device itself says a value stays fresh (RFC 7641 re-registers after it); the poll interval keeps a device
 * that announces a tiny Max-Age from being re-registered more often than the profile wants values; the timeout is
 * the grace for a notification already on its way. Updated from Californium's threads and the poll, so synchronized.
 */
final class Observation {
    /** CoAP's Max-Age when a response carries none (RFC 7252, 5.10.5). */
    static final long DEFAULT_MAX_AGE_MS = 60_000;

    private final CoapResourceGroup resource;
    private CoapObserveRelation relation;
    private int generation;
    private long lastHeardMs;
    private long maxAgeMs = DEFAULT_MAX_AGE_MS;
    private boolean ended = true;
    private boolean unsupported;

    Observation(CoapResourceGroup resource) {
        this.resource = resource;
    }

    CoapResourceGroup resource() {
        return resource;
    }

    /** How long this observation may stay silent before it is re-registered. */
    synchronized long silenceLimitMs(long pollIntervalMs, long timeoutMs) {
        return Math.max(maxAgeMs, pollIntervalMs) + timeoutMs;
    }

    synchronized boolean due(long nowMs, long pollIntervalMs, long timeoutMs) {
        return ended || nowMs - lastHeardMs > silenceLimitMs(pollIntervalMs, timeoutMs);
    }

    /** Whether it delivered a notification recently enough to count as the device answering. */
    synchronized boolean live(long nowMs, long pollIntervalMs, long timeoutMs) {
        return !ended && nowMs - lastHeardMs <= silenceLimitMs(pollIntervalMs, timeoutMs);
    }

    synchronized long silentForMs(long nowMs) {
        return nowMs - lastHeardMs;
    }

    /** Starts a new registration with {@code next}; returns its generation, which its callbacks must carry. */
    synchronized int begin(CoapObserveRelation next) {
        relation = next;
        ended = false;
        return ++generation;
    }

    synchronized boolean current(int gen) {
        return gen == generation;
    }

    synchronized CoapObserveRelation relation() {
        return relation;
    }

    /** A response of generation {@code gen} arrived: success keeps it alive, with the Max-Age it announced. */
    synchronized void heard(int gen, long nowMs, Long maxAgeSeconds, boolean stillObserving) {
        if (gen != generation) return;
        lastHeardMs = nowMs;
        maxAgeMs = maxAgeSeconds == null ? DEFAULT_MAX_AGE_MS : Math.max(0, maxAgeSeconds) * 1000L;
        if (!stillObserving) ended = true;
    }

    /** The registration of generation {@code gen} failed or the device ended the relation. */
    synchronized void ended(int gen) {
        if (gen == generation) ended = true;
    }

    /** The device answers the resource but does not let it be observed: the channel is polled instead. */
    synchronized void unsupported() {
        unsupported = true;
        ended = true;
    }

    synchronized boolean isUnsupported() {
        return unsupported;
    }

    /** Takes the relation away (to cancel it) and stops accepting its notifications. */
    synchronized CoapObserveRelation detach() {
        CoapObserveRelation old = relation;
        relation = null;
        generation++;
        ended = true;
        return old;
    }
}
