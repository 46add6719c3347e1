package io.onegrid.rules;

import io.onegrid.api.ActiveAlarm;
import io.onegrid.api.AlarmTransition;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Reading;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/** The DS component wired by hand (no framework): restore on activation, persist thread, timer, shutdown. */
class EdgeRulesComponentTest {
    private final Fakes.EventLog log = new Fakes.EventLog();
    private final Fakes.Store store = new Fakes.Store(log);
    private final Fakes.Writer writer = new Fakes.Writer(log);
    private final Fakes.Registry registry = new Fakes.Registry()
            .add(Fakes.device("smoke-302", "smoke-detector-gpio", Map.of()));
    private final Fakes.Catalog catalog = new Fakes.Catalog().add(Fakes.smokeProfile());
    private EdgeRulesComponent component;

    @AfterEach
    void tearDown() {
        if (component != null) component.deactivate();
    }

    private EdgeRulesComponent activate() {
        component = new EdgeRulesComponent(config(), registry, catalog, store, new Fakes.Encoder(), writer);
        return component;
    }

    private static Reading smoke(boolean on) {
        return Reading.good("smoke-302", "smoke", on, null, GatewayClock.SYSTEM);
    }

    /** Alarms active in the store at activation are not raised again and their clear reuses the stored id. */
    @Test
    void restoresActiveAlarmsOnActivation() {
        store.active.add(new ActiveAlarm("stored-1", "smoke-302", "smoke", 1, 2, "CRITICAL"));
        activate();

        component.onReadings(List.of(smoke(true)));
        component.onReadings(List.of(smoke(false)));

        await().atMost(Duration.ofSeconds(5)).until(() -> store.recorded.size() == 1);
        AlarmTransition clear = store.recorded.get(0);
        assertThat(clear.alarmId()).isEqualTo("stored-1");
        assertThat(clear.raised()).isFalse();
        assertThat(log.events).containsExactly("write smoke-302/siren=true", "record clear smoke");
    }

    /** With the store down at activation the siren still sounds; the raise is persisted once the store is back. */
    @Test
    void storeDownAtActivationStillActuatesAndPersistsLater() {
        store.failing = true;
        activate();

        component.onReadings(List.of(smoke(true)));
        assertThat(log.events).startsWith("write smoke-302/siren=true");

        store.failing = false;
        await().atMost(Duration.ofSeconds(5)).until(() -> store.recorded.size() == 1);
        assertThat(store.recorded.get(0).raised()).isTrue();
    }

    /**
     * GIVEN a store that still fails at shutdown, with a raise not yet stored WHEN the component deactivates THEN
     * it completes without throwing: one last attempt on the caller's thread, the leftover logged, no retry
     * scheduled on the persist thread that is shut down by then.
     */
    @Test
    void deactivatesWhileTheStoreStillFails() {
        store.failing = true;
        activate();
        component.onReadings(List.of(smoke(true)));
        await().atMost(Duration.ofSeconds(5)).until(() -> !store.attempts.isEmpty());

        EdgeRulesComponent stopping = component;
        component = null;
        assertThatCode(stopping::deactivate).doesNotThrowAnyException();
        assertThat(store.recorded).isEmpty();
    }

    private static RulesConfig config() {
        return new RulesConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return RulesConfig.class;
            }

            @Override
            public int flapMaxChanges() {
                return 4;
            }

            @Override
            public int flapWindowSeconds() {
                return 600;
            }

            @Override
            public long tickIntervalMs() {
                return 50;
            }

            @Override
            public String timeZone() {
                return "Asia/Shanghai";
            }

            @Override
            public int persistRetryMaxSeconds() {
                return 1;
            }

            @Override
            public int orphanGraceSeconds() {
                return 300;
            }
        };
    }
}
