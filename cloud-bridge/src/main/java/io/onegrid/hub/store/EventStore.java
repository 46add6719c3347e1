package io.onegrid.hub.store;

import io.onegrid.hub.cases.Scope;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** The live stream's log of case, notification and device changes. */
public interface EventStore {

    /** Events after {@code afterId} in scope, oldest first, at most {@code limit}. */
    List<HubEvent> eventsAfter(long afterId, Scope scope, int limit);

    /** Deletes at most {@code maxRows} of the oldest events appended before {@code before}; returns how many. */
    int pruneStream(Instant before, int maxRows);

    /** The newest event id (0 when none). */
    long lastEventId();

    /** Called after each commit that appended events, with those events in order, on the writing thread. */
    void onEvents(Consumer<List<HubEvent>> listener);
}
