package io.onegrid.api;

import java.util.List;

/**
 * Store-and-forward for everything the gateway sends. A message leaves only when the hub acknowledged
 * it ({@link #acknowledge}) or rejected it for good ({@link #quarantine}). See the outbox bundle's
 * implementation Javadoc for the message life cycle.
 */
public interface Outbox {
    /** Stores a message durably (group-committed); returns when it is committed. */
    long append(OutboundMessage message) throws OutboxException;

    /** The next messages to send: alarms, then events, then telemetry, oldest first within a priority. */
    List<StoredMessage> nextBatch(int max, java.util.Set<Long> excludeIds) throws OutboxException;

    /** The hub acknowledged the message: delete it. */
    void acknowledge(long id) throws OutboxException;

    /** The hub rejected the message for good: move it aside, never send it again. */
    void quarantine(long id, String reason) throws OutboxException;

    /** A send attempt failed in a retryable way; counts attempts. */
    void attemptFailed(long id) throws OutboxException;

    OutboxStats stats() throws OutboxException;

    /**
     * Called (on the appending thread) after each commit, so the uplink can wake up without polling. Whoever
     * adds a listener removes it with {@link #removeAppendListener} when done (an uplink that restarts on a
     * configuration change would otherwise pile them up).
     */
    void onAppend(Runnable listener);

    /** Stops calling a listener given to {@link #onAppend} (the same instance). Unknown listeners are ignored. */
    default void removeAppendListener(Runnable listener) {
        // An outbox that never calls its listeners has nothing to remove.
    }
}
