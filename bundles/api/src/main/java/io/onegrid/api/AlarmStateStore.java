package io.onegrid.api;

import java.util.List;

/** Durable record of raised alarms, kept beside the outbox so alarm state survives a restart. */
public interface AlarmStateStore {
    List<ActiveAlarm> active() throws OutboxException;

    /**
     * Records a raise or clear and enqueues its message in one transaction, so a crash can never leave
     * a raised alarm without its message or a message without its state.
     */
    void record(AlarmTransition transition, OutboundMessage message) throws OutboxException;
}
