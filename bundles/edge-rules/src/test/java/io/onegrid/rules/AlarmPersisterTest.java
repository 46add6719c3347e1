package io.onegrid.rules;

import io.onegrid.api.AlarmTransition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Persisting transitions: in order per device and rule, retried with backoff while the store fails (nothing
 * lost, however long), and a transition that fails by itself set aside after a few tries without holding
 * back the others. Time is a {@link FakeClock} that the scheduler moves to each retry.
 */
class AlarmPersisterTest {
    private final FakeClock clock = new FakeClock();
    private final Fakes.EventLog log = new Fakes.EventLog();
    private final Fakes.Store store = new Fakes.Store(log);
    private final Fakes.Encoder encoder = new Fakes.Encoder();
    private final Fakes.Scheduler scheduler = new Fakes.Scheduler(clock);
    private final AlarmPersister persister = new AlarmPersister(store, encoder, scheduler, clock, 4000);

    /** A transition of rule "rule-{rule}" on device "dev". */
    private static AlarmTransition transition(String id, String rule, boolean raised) {
        return new AlarmTransition(id, "dev", "rule-" + rule, raised, "MAJOR", "c", Fakes.FLAT_302, 1, 2, "m",
                List.of(), 3, 4);
    }

    private static AlarmTransition transition(String id, boolean raised) {
        return transition(id, id, raised);
    }

    /**
     * GIVEN a store that fails for every transition WHEN three are queued and retried THEN they stay queued in
     * order, the backoff doubles to its cap, nothing is set aside however often it fails, and once the store
     * recovers all are persisted in order.
     */
    @Test
    void retriesInOrderUntilTheStoreRecovers() {
        store.failing = true;
        persister.accept(transition("a", true));
        persister.accept(transition("b", true));
        persister.accept(transition("a2", false));
        assertThat(persister.unpersisted()).extracting(AlarmTransition::alarmId).containsExactly("a", "b", "a2");

        for (int i = 0; i < 10; i++) scheduler.runDelayed();
        assertThat(scheduler.delays).startsWith(500L, 1000L, 2000L, 4000L, 4000L).allMatch(d -> d <= 4000L);
        assertThat(store.recorded).isEmpty();
        assertThat(persister.setAside()).as("a failing store is no reason to give an alarm up").isEmpty();

        store.failing = false;
        scheduler.runDelayed();

        assertThat(store.recorded).extracting(AlarmTransition::alarmId).containsExactly("a", "b", "a2");
        assertThat(persister.unpersisted()).isEmpty();
        assertThat(scheduler.delayed).isEmpty();

        persister.accept(transition("c", true));
        assertThat(store.recorded).extracting(AlarmTransition::alarmId).endsWith("c");
    }

    /**
     * GIVEN a dead store WHEN many transitions of different rules are queued at once THEN a retry pass tries at
     * most two of them, so a dead store is not hammered once per queued alarm.
     */
    @Test
    void aDeadStoreIsNotHammered() {
        store.failing = true;
        for (int i = 0; i < 10; i++) persister.accept(transition("t" + i, true));
        int afterQueueing = store.attempts.size();

        scheduler.runDelayed();

        assertThat(store.attempts.size() - afterQueueing).isEqualTo(2);
    }

    /**
     * GIVEN a raise whose encoding throws WHEN later transitions of other rules arrive THEN they are persisted at
     * once; the bad one is retried with backoff and, after five failed attempts, set aside (never persisted),
     * and nothing is left queued.
     */
    @Test
    void aTransitionThatCannotBeEncodedIsSetAsideWithoutBlockingOthers() {
        encoder.unencodable.add("bad");
        persister.accept(transition("bad", true));
        persister.accept(transition("b", true));
        persister.accept(transition("c", false));

        assertThat(store.recorded).extracting(AlarmTransition::alarmId).containsExactly("b", "c");
        assertThat(persister.unpersisted()).extracting(AlarmTransition::alarmId).containsExactly("bad");

        for (int i = 0; i < 4; i++) scheduler.runDelayed();

        assertThat(scheduler.delays).containsExactly(500L, 1000L, 2000L, 4000L);
        assertThat(persister.setAside()).extracting(AlarmTransition::alarmId).containsExactly("bad");
        assertThat(persister.unpersisted()).isEmpty();
        assertThat(scheduler.delayed).isEmpty();
        assertThat(store.recorded).extracting(AlarmTransition::alarmId).containsExactly("b", "c");
    }

    /**
     * GIVEN a raise the store refuses while it stores others WHEN its clear (same rule) is queued behind it THEN
     * the clear waits (a clear never overtakes its raise) while other rules go on; once the raise is set aside
     * the clear is persisted.
     */
    @Test
    void aTransitionTheStoreRefusesIsSetAsideAndItsFollowerGoesOn() {
        store.refused.add("x");
        persister.accept(transition("x", "smoke", true));
        persister.accept(transition("x", "smoke", false));
        for (int i = 0; i < 5; i++) {
            persister.accept(transition("other-" + i, "other-" + i, true));
            assertThat(store.recorded).extracting(AlarmTransition::alarmId).as("other rules go on").endsWith("other-" + i);
            assertThat(store.recorded).noneMatch(t -> t.alarmId().equals("x"));
            scheduler.runDelayed();
        }

        assertThat(persister.setAside()).singleElement().satisfies(t -> {
            assertThat(t.alarmId()).isEqualTo("x");
            assertThat(t.raised()).isTrue();
        });
        store.refused.clear();
        scheduler.runDelayed();
        assertThat(store.recorded).filteredOn(t -> t.alarmId().equals("x")).singleElement()
                .satisfies(t -> assertThat(t.raised()).isFalse());
        assertThat(persister.unpersisted()).isEmpty();
    }

    /**
     * GIVEN the only queued raise refused by the store (so nothing shows whether the store or the raise is at
     * fault) WHEN it is retried many times THEN it is never set aside: without proof that the store works, an
     * alarm is kept.
     */
    @Test
    void aLoneRefusedTransitionIsKept() {
        store.refused.add("x");
        persister.accept(transition("x", true));

        for (int i = 0; i < 20; i++) scheduler.runDelayed();

        assertThat(persister.setAside()).isEmpty();
        assertThat(persister.unpersisted()).extracting(AlarmTransition::alarmId).containsExactly("x");
    }

    /** GIVEN a failing store WHEN flushing (shutdown) THEN it tries once on the caller's thread and tells what is left. */
    @Test
    void flushReportsLeftovers() {
        store.failing = true;
        persister.accept(transition("a", true));
        assertThat(persister.flush()).isFalse();
        store.failing = false;
        assertThat(persister.flush()).isTrue();
        assertThat(store.recorded).hasSize(1);
    }
}
