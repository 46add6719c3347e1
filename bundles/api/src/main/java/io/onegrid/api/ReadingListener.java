package io.onegrid.api;

import java.util.List;

/**
 * Whiteboard service: every registered listener (edge rules, report policy) receives every batch of
 * readings the poller produces, on the poller's thread for that bus. Must not block.
 */
public interface ReadingListener {
    void onReadings(List<Reading> readings);

    /** A device stopped answering (true) or came back (false); drives comm-fault alarms. */
    default void onCommunication(DeviceRef device, boolean faulted, String reason) { }
}
