package io.onegrid.hub.mqtt;

import io.onegrid.hub.store.CredentialInForce;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a connected gateway whose credential stopped being in force (an admin revoked it, a new provisioning replaced
 * it, its password was changed): every {@link #EVERY} it reads the credentials of the connected gateways in one query
 * and disconnects (0x87 Not authorized) each session whose password hash or certificate is no longer the one stored.
 * Polling the store rather than listening works on every hub node, whichever one the revocation reached.
 */
final class CredentialWatch {
    static final Duration EVERY = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(CredentialWatch.class);

    /** How a session logged in: the password hash it was verified against, or its certificate's fingerprint. */
    record Held(String secretHash, String certFingerprint) {
        boolean stillIn(CredentialInForce now) {
            if (now == null) return false;
            if (certFingerprint != null) return certFingerprint.equals(now.certFingerprint());
            return secretHash != null && secretHash.equals(now.secretHash());
        }
    }

    /** What the watch may cut. */
    interface Sessions {
        /** The connected gateways and their sessions. */
        Map<String, GatewaySession> connected();
    }

    private final Vertx vertx;
    private final Function<Collection<String>, Map<String, CredentialInForce>> lookup;
    private final ConcurrentMap<GatewaySession, Held> held = new ConcurrentHashMap<>();
    private final AtomicBoolean checking = new AtomicBoolean();
    private long timer = -1;

    /** @param lookup blocking: the credentials in force of these gateway ids (a store read) */
    CredentialWatch(Vertx vertx, Function<Collection<String>, Map<String, CredentialInForce>> lookup) {
        this.vertx = vertx;
        this.lookup = lookup;
    }

    void hold(GatewaySession session, Held credential) {
        held.put(session, credential);
    }

    void forget(GatewaySession session) {
        held.remove(session);
    }

    void start(Sessions sessions) {
        timer = vertx.setPeriodic(EVERY.toMillis(), id -> check(sessions));
    }

    void stop() {
        if (timer >= 0) vertx.cancelTimer(timer);
    }

    /** One round; a round still running (a slow database) is not overlapped. */
    void check(Sessions sessions) {
        Map<String, GatewaySession> now = Map.copyOf(sessions.connected());
        if (now.isEmpty() || !checking.compareAndSet(false, true)) return;
        vertx.executeBlocking(() -> lookup.apply(List.copyOf(now.keySet())), false).onComplete(ar -> {
            checking.set(false);
            if (ar.failed()) {
                LOG.debug("credential check skipped: {}", ar.cause().toString());
                return;
            }
            now.forEach((gatewayId, session) -> {
                Held h = held.get(session);
                if (h != null && !h.stillIn(ar.result().get(gatewayId))) {
                    held.remove(session);
                    LOG.warn("gateway {} disconnected: its credential was revoked or replaced; it must be provisioned again",
                            gatewayId);
                    session.revoked();
                }
            });
        });
    }
}
