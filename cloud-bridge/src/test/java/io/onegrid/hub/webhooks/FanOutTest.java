package io.onegrid.hub.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.hub.MutableClock;
import io.onegrid.hub.store.JdbcHubStore;
import io.onegrid.hub.store.TestStores;
import io.onegrid.hub.store.WebhookStore.Delivery;
import io.onegrid.hub.store.WebhookStore.NewSubscription;
import io.onegrid.hub.store.WebhookStore.Subscription;
import io.vertx.core.json.JsonObject;
import io.onegrid.hub.Envelopes;
import io.onegrid.hub.cases.Scope;
import io.onegrid.hub.store.HubEvent;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.StoreOp;
import io.onegrid.protocol.Location;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Case events to deliveries, on a real SQLite store fed by the real ingest. A view of the store hides chosen events,
 * to play what PostgreSQL's concurrent writers do: a later event id visible before an earlier one.
 */
class FanOutTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final Set<Long> hidden = ConcurrentHashMap.newKeySet();
    private JdbcHubStore store;
    private HubStore view;
    private Subscription all;
    private int seq;

    @BeforeEach
    void open() {
        store = TestStores.sqlite(dir.resolve("hub.db"), clock);
        store.putGatewaySecret("gw-1", "h");
        view = (HubStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HubStore.class},
                (proxy, m, args) -> {
                    Object r = m.invoke(store, args);
                    if (!m.getName().equals("eventsAfter")) return r;
                    return ((List<?>) r).stream().filter(e -> !hidden.contains(((HubEvent) e).id())).toList();
                });
        all = store.createWebhook(new NewSubscription("http://127.0.0.1:9/", "district", List.of(), "v1:x", "admin"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Raises an alarm at a site of its own, which opens a case; returns the id of its "case" event. */
    private long caseOpened(String type) {
        seq++;
        store.apply(List.of(new StoreOp.Ingest(Envelopes.raised("gw-1", seq, "a-" + seq, "d-" + seq, "r", type,
                Location.unit("site-" + seq, "1")))));
        return store.eventsAfter(0, Scope.ALL, 1000).stream().filter(e -> e.kind().equals("case"))
                .mapToLong(HubEvent::id).max().orElseThrow();
    }

    private List<Long> delivered() {
        return store.deliveries(all.id(), 100).stream().map(Delivery::eventId).sorted().toList();
    }

    private void step(FanOut f) {
        f.step(store.webhooks(), store.grid());
    }

    /**
     * GIVEN three case events of which the middle one is not visible yet WHEN fanned out THEN the other two are
     * delivered at once and the cursor stays before the missing one; WHEN it shows up THEN it is delivered and the
     * cursor moves to the newest event. A gap that never fills is given up after the settle time.
     */
    @Test
    void lateEventsAreFoundAndGapsSettle() {
        FanOut f = new FanOut(view, clock);
        long e1 = caseOpened("fire.smoke");
        long e2 = caseOpened("fire.smoke");
        long e3 = caseOpened("fire.smoke");
        hidden.add(e2);
        step(f);
        assertThat(delivered()).containsExactly(e1, e3);
        assertThat(store.webhookCursor()).isEqualTo(e2 - 1);

        hidden.clear();
        step(f);
        assertThat(delivered()).containsExactly(e1, e2, e3);
        assertThat(store.webhookCursor()).isEqualTo(store.lastEventId());

        long e4 = caseOpened("welfare.sos");
        long e5 = caseOpened("welfare.sos");
        hidden.add(e4);
        step(f);
        assertThat(store.webhookCursor()).isEqualTo(e4 - 1);
        clock.advance(FanOut.SETTLE.plusSeconds(1));
        step(f);
        f.flush();
        assertThat(store.webhookCursor()).isEqualTo(store.lastEventId());
        assertThat(delivered()).containsExactly(e1, e2, e3, e5);
    }

    /** GIVEN events already fanned out WHEN a hub restarted from an older cursor scans them again THEN no delivery is made twice. */
    @Test
    void rescanAfterRestartAddsNothing() {
        long before = store.webhookCursor();
        long e1 = caseOpened("fire.smoke");
        long e2 = caseOpened("fire.smoke");
        FanOut first = new FanOut(view, clock);
        step(first);
        FanOut restarted = new FanOut(rewound(view, before), clock);

        step(restarted);

        assertThat(delivered()).containsExactly(e1, e2);
    }

    /**
     * GIVEN a case event WHEN its delivery body is built THEN it holds the event id, kind, change, time and the case
     * summary (no change inside it, no resident).
     */
    @Test
    void bodyCarriesEventAndCaseSummary() {
        long e = caseOpened("fire.smoke");
        step(new FanOut(view, clock));

        JsonObject body = new JsonObject(store.deliveries(all.id(), 1).get(0).payloadJson());
        assertThat(body.fieldNames()).containsExactlyInAnyOrder("eventId", "kind", "change", "at", "case");
        assertThat(body.getLong("eventId")).isEqualTo(e);
        assertThat(body.getString("kind")).isEqualTo("case");
        assertThat(body.getString("change")).isEqualTo("opened");
        assertThat(body.getString("at")).isEqualTo(clock.instant().toString());
        JsonObject c = body.getJsonObject("case");
        assertThat(c.getString("type")).isEqualTo("fire.smoke");
        assertThat(c.getString("stage")).isEqualTo("OPEN");
        assertThat(c.containsKey("change")).isFalse();
        assertThat(c.containsKey("residentId")).isFalse();
    }

    /** GIVEN events while no subscription is enabled WHEN fanned out THEN nothing is made, and the cursor is still written now and then. */
    @Test
    void noSubscriberNoDeliveries() {
        store.setWebhookEnabled(all.id(), false, "admin");
        caseOpened("fire.smoke");
        FanOut f = new FanOut(view, clock);

        step(f);
        clock.advance(Duration.ofMinutes(1));
        caseOpened("fire.smoke");
        step(f);

        assertThat(delivered()).isEmpty();
        assertThat(store.webhookCursor()).isEqualTo(store.lastEventId());
    }

    /** The store as a hub restarted with an older persisted cursor would see it (the real cursor never goes back). */
    private static HubStore rewound(HubStore real, long cursor) {
        return (HubStore) Proxy.newProxyInstance(FanOutTest.class.getClassLoader(), new Class<?>[] {HubStore.class},
                (proxy, m, args) -> m.getName().equals("webhookCursor") ? cursor : m.invoke(real, args));
    }
}
