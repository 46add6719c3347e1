package io.onegrid.poller;

import io.onegrid.api.DeviceRef;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Reading;
import io.onegrid.api.ReadingListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands every batch of readings to every listener; a failing listener neither stops the others nor the bus. */
final class ListenerFanout {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerFanout.class);

    private final List<ReadingListener> listeners = new CopyOnWriteArrayList<>();
    private final RateLimiter failures;

    ListenerFanout(GatewayClock clock) {
        this.failures = new RateLimiter(clock, 60_000);
    }

    void add(ReadingListener listener) {
        listeners.add(listener);
    }

    void remove(ReadingListener listener) {
        listeners.remove(listener);
    }

    void publish(List<Reading> readings) {
        for (ReadingListener listener : listeners) {
            try {
                listener.onReadings(readings);
            } catch (RuntimeException e) {
                failed(listener, e);
            }
        }
    }

    void communication(DeviceRef device, boolean faulted, String reason) {
        for (ReadingListener listener : listeners) {
            try {
                listener.onCommunication(device, faulted, reason);
            } catch (RuntimeException e) {
                failed(listener, e);
            }
        }
    }

    /**
     * What a listener that registered late missed of one device: its fault, then its latest readings. Skipped
     * when the listener left meanwhile.
     */
    void replay(ReadingListener listener, DeviceRef device, boolean faulted, String reason, List<Reading> latest) {
        if (!listeners.contains(listener)) {
            return;
        }
        try {
            if (faulted) {
                listener.onCommunication(device, true, reason);
            }
            if (!latest.isEmpty()) {
                listener.onReadings(latest);
            }
        } catch (RuntimeException e) {
            failed(listener, e);
        }
    }

    private void failed(ReadingListener listener, RuntimeException e) {
        long held = failures.tryAcquire();
        if (held >= 0) {
            LOG.warn("reading listener {} failed ({} more failures not logged)", listener.getClass().getName(), held, e);
        }
    }
}
