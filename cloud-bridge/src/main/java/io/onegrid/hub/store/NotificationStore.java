package io.onegrid.hub.store;

import io.onegrid.hub.cases.Scope;
import java.util.List;
import java.util.Set;

/**
 * Notifications of case responders (created by the case engine, see {@code Notifier}): listing them and their
 * acknowledgement by the person notified. A responder acts through the hub user the grid file names for them.
 */
public interface NotificationStore {
    /** Largest page of {@link #notifications}. */
    int MAX_LIMIT = 500;

    /**
     * Notifications about cases in {@code scope}, newest first; {@code responders} non-null keeps only theirs,
     * {@code state} non-null only that state.
     */
    List<NotificationRecord> notifications(Scope scope, Set<String> responders, String state, int limit);

    /**
     * Acknowledges notification {@code id} for one of {@code responders} (the caller's responder ids), writing
     * "acknowledged" to the case's timeline and a live event in the same transaction. Acknowledging twice changes
     * nothing and answers the same record. Throws {@code HubException} NOT_FOUND when the notification does not
     * exist, is someone else's or its case lies outside {@code scope}.
     */
    NotificationRecord acknowledge(long id, String username, Set<String> responders, Scope scope);
}
