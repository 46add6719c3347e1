package io.onegrid.api;

import java.util.List;

/**
 * Whiteboard service: every registered listener (edge rules, report policy) receives every batch of
 * readings the poller produces, on the poller's thread for that bus. Must not block.
 * <p>
 * A listener registered while devices are already running first receives each device's current state:
 * {@link #onCommunication} with {@code faulted = true} if the device is in fault, then the latest reading
 * of each channel (GOOD or BAD), then live readings. An interrupt-driven input may not change for days, so
 * this is how a listener that starts late learns that a detector is in alarm. The latest reading may
 * therefore arrive twice: listeners must treat a repeated reading as no change.
 */
public interface ReadingListener {
    void onReadings(List<Reading> readings);

    /** A device stopped answering (true) or came back (false); drives comm-fault alarms. */
    default void onCommunication(DeviceRef device, boolean faulted, String reason) { }
}
