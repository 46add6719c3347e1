package io.onegrid.bench.gateway;

import io.onegrid.bench.hub.AckAtOnceServer;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.StoreOp;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.protocol.MessageKind;
import io.onegrid.protocol.ProtocolException;
import io.onegrid.protocol.Topics;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * What reached the hub side from the bench gateway, in arrival order, each with its {@link System#nanoTime()}:
 * PUBLISHes as the acknowledge-at-once receiver got them ({@link #observer()}), or messages as the real hub
 * committed them ({@link #recordingStore}). Recording only copies bytes; decoding waits for {@link #list()}, off
 * the event loop, so it does not slow the receiver down.
 */
final class Arrivals {
    /** One uplink message: when it arrived and its envelope (kind, boot id, seq, body). */
    record Arrival(long nanos, MessageKind kind, Envelope envelope) { }

    private record Raw(long nanos, String topic, byte[] payload, Envelope envelope) { }

    private final List<Raw> raw = new ArrayList<>();
    private final List<Arrival> decoded = new ArrayList<>();
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private int undecodable;

    AckAtOnceServer.Observer observer() {
        return (topic, payload, nanos) -> add(new Raw(nanos, topic, payload, null));
    }

    /** The hub's store, telling this of each message once the hub's transaction holding it committed. */
    HubStore recordingStore(HubStore store) {
        return (HubStore) Proxy.newProxyInstance(HubStore.class.getClassLoader(), new Class<?>[] {HubStore.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("apply") && args != null && args[0] instanceof List<?> ops) {
                        long at = System.nanoTime();
                        for (Object op : ops) {
                            if (op instanceof StoreOp.Ingest i) add(new Raw(at, null, null, i.envelope()));
                        }
                    }
                    return result;
                });
    }

    private void add(Raw r) {
        synchronized (raw) {
            raw.add(r);
        }
    }

    /**
     * Everything so far, decoded (only what arrived since the last call is decoded now, so a waiting loop may call it
     * often); a PUBLISH on a topic that is not an uplink's, or that does not decode, is counted instead.
     */
    synchronized List<Arrival> list() {
        List<Raw> fresh;
        synchronized (raw) {
            // copied under the recorder's lock, decoded outside it: the event loop never waits for a decode
            fresh = List.copyOf(raw.subList(decoded.size() + undecodable, raw.size()));
        }
        for (Raw r : fresh) {
            try {
                Envelope e = r.envelope() != null ? r.envelope()
                        : codec.decode(r.payload(), Topics.parseUplink(r.topic()).kind());
                decoded.add(new Arrival(r.nanos(), e.body().kind(), e));
            } catch (ProtocolException e) {
                undecodable++;
            }
        }
        return List.copyOf(decoded);
    }

    /** Messages {@link #list()} could not decode (replies to commands would be these; none are sent). */
    synchronized int undecodable() {
        return undecodable;
    }

    long count(MessageKind kind) {
        return list().stream().filter(a -> a.kind() == kind).count();
    }
}
