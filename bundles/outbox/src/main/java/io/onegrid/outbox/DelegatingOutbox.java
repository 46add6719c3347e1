package io.onegrid.outbox;

import io.onegrid.api.ActiveAlarm;
import io.onegrid.api.AlarmStateStore;
import io.onegrid.api.AlarmTransition;
import io.onegrid.api.OutboundMessage;
import io.onegrid.api.Outbox;
import io.onegrid.api.OutboxException;
import io.onegrid.api.OutboxStats;
import io.onegrid.api.StoredMessage;
import java.util.List;
import java.util.Set;

/** Forwards both services to one {@link SqliteOutbox}, so the DS component stays a thin shell. */
abstract class DelegatingOutbox implements Outbox, AlarmStateStore {
    protected final SqliteOutbox delegate;

    DelegatingOutbox(SqliteOutbox delegate) {
        this.delegate = delegate;
    }

    @Override
    public long append(OutboundMessage message) throws OutboxException {
        return delegate.append(message);
    }

    @Override
    public List<StoredMessage> nextBatch(int max, Set<Long> excludeIds) throws OutboxException {
        return delegate.nextBatch(max, excludeIds);
    }

    @Override
    public void acknowledge(long id) throws OutboxException {
        delegate.acknowledge(id);
    }

    @Override
    public void quarantine(long id, String reason) throws OutboxException {
        delegate.quarantine(id, reason);
    }

    @Override
    public void attemptFailed(long id) throws OutboxException {
        delegate.attemptFailed(id);
    }

    @Override
    public OutboxStats stats() throws OutboxException {
        return delegate.stats();
    }

    @Override
    public void onAppend(Runnable listener) {
        delegate.onAppend(listener);
    }

    @Override
    public void removeAppendListener(Runnable listener) {
        delegate.removeAppendListener(listener);
    }

    @Override
    public List<ActiveAlarm> active() throws OutboxException {
        return delegate.active();
    }

    @Override
    public void record(AlarmTransition transition, OutboundMessage message) throws OutboxException {
        delegate.record(transition, message);
    }
}
