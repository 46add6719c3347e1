package io.onegrid.hub.mqtt;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Sends PUBACKs in the order the PUBLISH packets arrived, as MQTT requires, although a rejected message
 * is decided at once and a stored one only after its commit. Confined to the connection's event loop.
 */
final class AckSequencer<T> {
    private static final class Slot<T> {
        T ack;
    }

    private final Deque<Slot<T>> pending = new ArrayDeque<>();
    private final Consumer<T> send;

    AckSequencer(Consumer<T> send) {
        this.send = send;
    }

    /** Reserves the next place in line; complete it with {@link #complete}. */
    Object reserve() {
        Slot<T> s = new Slot<>();
        pending.addLast(s);
        return s;
    }

    @SuppressWarnings("unchecked")
    void complete(Object slot, T ack) {
        ((Slot<T>) slot).ack = ack;
        while (!pending.isEmpty() && pending.peekFirst().ack != null) {
            send.accept(pending.pollFirst().ack);
        }
    }

    int waiting() {
        return pending.size();
    }
}
