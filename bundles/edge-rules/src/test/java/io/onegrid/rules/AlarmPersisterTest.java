package io.onegrid.rules;

import io.onegrid.api.AlarmTransition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Persisting transitions: in order, retried with backoff while the store fails, nothing lost. */
class AlarmPersisterTest {
    private final Fakes.EventLog log = new Fakes.EventLog();
    private final Fakes.Store store = new Fakes.Store(log);
    private final Fakes.Scheduler scheduler = new Fakes.Scheduler();
    private final AlarmPersister persister = new AlarmPersister(store, new Fakes.Encoder(), scheduler, 4000);

    private static AlarmTransition transition(String id, boolean raised) {
        return new AlarmTransition(id, "dev", "rule-" + id, raised, "MAJOR", "c", Fakes.FLAT_302, 1, 2, "m",
                List.of(), 3, 4);
    }

    /** While the store fails, transitions stay queued in order; backoff grows to its cap; recovery persists all in order. */
    @Test
    void retriesInOrderUntilTheStoreRecovers() {
        store.failing = true;
        persister.accept(transition("a", true));
        persister.accept(transition("b", true));
        persister.accept(transition("a2", false));
        assertThat(persister.unpersisted()).extracting(AlarmTransition::alarmId).containsExactly("a", "b", "a2");

        scheduler.runDelayed();
        scheduler.runDelayed();
        scheduler.runDelayed();
        scheduler.runDelayed();
        assertThat(scheduler.delays).containsExactly(500L, 1000L, 2000L, 4000L, 4000L);
        assertThat(store.recorded).isEmpty();

        store.failing = false;
        scheduler.runDelayed();

        assertThat(store.recorded).extracting(AlarmTransition::alarmId).containsExactly("a", "b", "a2");
        assertThat(persister.unpersisted()).isEmpty();
        assertThat(scheduler.delayed).isEmpty();

        persister.accept(transition("c", true));
        assertThat(store.recorded).extracting(AlarmTransition::alarmId).endsWith("c");
    }

    /** flush tries once on the caller's thread and tells whether anything is left. */
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
