package io.onegrid.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.hub.Envelopes;
import io.onegrid.hub.MutableClock;
import io.onegrid.hub.store.WebhookStore.Attempt;
import io.onegrid.hub.store.WebhookStore.Delivery;
import io.onegrid.hub.store.WebhookStore.DeliveryState;
import io.onegrid.hub.store.WebhookStore.NewDelivery;
import io.onegrid.hub.store.WebhookStore.NewSubscription;
import io.onegrid.hub.store.WebhookStore.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link WebhookStore} must have: subscriptions with their audit lines, deliveries made once per
 * subscription and event, claims that two workers cannot both win, attempts and their schedule, release on stop,
 * and pruning of finished deliveries only. Runs on SQLite and on PostgreSQL.
 */
public abstract class WebhookStoreContract {
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    protected HubStore store;

    protected abstract HubStore newStore();

    @BeforeEach
    void open() {
        store = newStore();
        store.putGatewaySecret("gw-1", "h");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Subscription hook(String url, List<String> types) {
        return store.createWebhook(new NewSubscription(url, "district", types, "v1:sealed", "admin"));
    }

    private static NewDelivery delivery(Subscription s, long eventId) {
        return new NewDelivery(s.id(), eventId, 7, "opened", "{\"eventId\":" + eventId + "}");
    }

    private Delivery only(Subscription s) {
        return store.deliveries(s.id(), 10).get(0);
    }

    /**
     * GIVEN one case event in the stream WHEN an admin subscribes with a token in the URL THEN the subscription is
     * enabled, starts after that event, keeps its patterns and sealed secret, and the audit line names the host only.
     */
    @Test
    void createdSubscriptionStartsAfterTheNewestEventAndIsAudited() {
        store.apply(List.of(new StoreOp.Ingest(Envelopes.hydrantLow("gw-1", 1, "a-1"))));
        long newest = store.lastEventId();

        Subscription s = hook("https://hooks.example.org/in?token=t0ps3cret", List.of("fire.*", "welfare.sos"));

        assertThat(newest).isPositive();
        assertThat(s.enabled()).isTrue();
        assertThat(s.sinceEventId()).isEqualTo(newest);
        assertThat(s.caseTypes()).containsExactly("fire.*", "welfare.sos");
        assertThat(s.sealedSecret()).isEqualTo("v1:sealed");
        assertThat(s.createdAt()).isEqualTo(clock.instant());
        assertThat(s.lastAttemptAt()).isNull();
        assertThat(store.webhooks()).containsExactly(s);
        assertThat(store.auditLog(Instant.EPOCH, 10)).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("create webhook");
            assertThat(a.subject()).isEqualTo("webhook:" + s.id());
            assertThat(a.detail()).contains("hooks.example.org").doesNotContain("t0ps3cret");
        });
    }

    /** GIVEN a subscription with a delivery WHEN it is paused, resumed and deleted THEN each is audited and its deliveries go with it. */
    @Test
    void pauseResumeAndDelete() {
        Subscription s = hook("http://127.0.0.1:9/x", List.of());
        store.enqueueDeliveries(List.of(delivery(s, 5)), 5, clock.instant());

        assertThat(store.setWebhookEnabled(s.id(), false, "admin")).isTrue();
        assertThat(store.webhook(s.id()).orElseThrow().enabled()).isFalse();
        assertThat(store.setWebhookEnabled(s.id(), true, "admin")).isTrue();
        assertThat(store.setWebhookEnabled(s.id() + 100, true, "admin")).isFalse();
        assertThat(store.deleteWebhook(s.id(), "admin")).isTrue();
        assertThat(store.deleteWebhook(s.id(), "admin")).isFalse();

        assertThat(store.webhook(s.id())).isEmpty();
        assertThat(store.deliveries(s.id(), 10)).isEmpty();
        assertThat(store.auditLog(Instant.EPOCH, 10)).extracting(AuditEntry::action)
                .containsExactly("delete webhook", "resume webhook", "pause webhook", "create webhook");
    }

    /**
     * GIVEN deliveries queued for an event WHEN the same event is queued again (a re-scan after a restart) and for a
     * deleted subscription THEN nothing is added twice, and the cursor only moves forward.
     */
    @Test
    void queueingIsIdempotentAndTheCursorOnlyGrows() {
        Subscription a = hook("http://127.0.0.1:9/a", List.of());
        Subscription gone = hook("http://127.0.0.1:9/gone", List.of());
        store.deleteWebhook(gone.id(), "admin");
        long start = store.webhookCursor();

        assertThat(store.enqueueDeliveries(List.of(delivery(a, 10), delivery(a, 11)), start + 20, clock.instant())).isEqualTo(2);
        assertThat(store.enqueueDeliveries(List.of(delivery(a, 11), delivery(gone, 11)), start + 5, clock.instant())).isZero();

        assertThat(store.webhookCursor()).isEqualTo(start + 20);
        assertThat(store.deliveries(a.id(), 10)).extracting(Delivery::eventId).containsExactly(11L, 10L);
        assertThat(only(a)).satisfies(d -> {
            assertThat(d.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(d.attempts()).isZero();
            assertThat(d.caseId()).isEqualTo(7);
            assertThat(d.change()).isEqualTo("opened");
            assertThat(d.nextAttemptAt()).isEqualTo(clock.instant());
        });
    }

    /**
     * GIVEN two subscriptions with due deliveries WHEN a worker looks for due ones with a limit per subscription and
     * claims them THEN it gets each subscription's oldest first, a second claim of the same rows wins nothing, and
     * claimed rows are not due again before their lease ends.
     */
    @Test
    void dueDeliveriesAreClaimedOnce() {
        Subscription a = hook("http://127.0.0.1:9/a", List.of());
        Subscription b = hook("http://127.0.0.1:9/b", List.of());
        store.enqueueDeliveries(List.of(delivery(a, 1), delivery(a, 2), delivery(a, 3), delivery(b, 1)), 3, clock.instant());

        List<Delivery> due = store.dueDeliveries(Map.of(a.id(), 2, b.id(), 1), clock.instant());
        assertThat(due).extracting(Delivery::webhookId, Delivery::eventId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(a.id(), 1L),
                        org.assertj.core.groups.Tuple.tuple(a.id(), 2L), org.assertj.core.groups.Tuple.tuple(b.id(), 1L));
        Instant lease = clock.instant().plusSeconds(35);
        assertThat(store.claimDeliveries(due, lease)).hasSize(3);
        assertThat(store.claimDeliveries(due, lease)).isEmpty();

        assertThat(store.dueDeliveries(Map.of(a.id(), 10, b.id(), 10), clock.instant())).extracting(Delivery::eventId)
                .containsExactly(3L);
        clock.advance(Duration.ofSeconds(35));
        assertThat(store.dueDeliveries(Map.of(a.id(), 10, b.id(), 10), clock.instant())).hasSize(4);
    }

    /**
     * GIVEN a claimed delivery WHEN a failed attempt, then a delivered one, are recorded THEN it is due again at the
     * scheduled time only, ends final, and the subscription shows its latest outcome.
     */
    @Test
    void attemptsAreRecordedWithTheirSchedule() {
        Subscription s = hook("http://127.0.0.1:9/a", List.of());
        store.enqueueDeliveries(List.of(delivery(s, 1)), 1, clock.instant());
        Delivery d = store.claimDeliveries(store.dueDeliveries(Map.of(s.id(), 1), clock.instant()), clock.instant().plusSeconds(35)).get(0);
        Instant retry = clock.instant().plusSeconds(20);

        store.recordAttempts(List.of(new Attempt(d.id(), s.id(), DeliveryState.FAILED, 1, 500, "HTTP 500", clock.instant(), retry)));

        assertThat(only(s)).satisfies(x -> {
            assertThat(x.state()).isEqualTo(DeliveryState.FAILED);
            assertThat(x.attempts()).isEqualTo(1);
            assertThat(x.httpStatus()).isEqualTo(500);
            assertThat(x.error()).isEqualTo("HTTP 500");
            assertThat(x.lastAttemptAt()).isEqualTo(clock.instant());
            assertThat(x.nextAttemptAt()).isEqualTo(retry);
        });
        assertThat(store.dueDeliveries(Map.of(s.id(), 1), clock.instant())).isEmpty();
        assertThat(store.webhook(s.id()).orElseThrow().lastState()).isEqualTo(DeliveryState.FAILED);

        clock.advance(Duration.ofSeconds(20));
        Delivery again = store.dueDeliveries(Map.of(s.id(), 1), clock.instant()).get(0);
        store.claimDeliveries(List.of(again), clock.instant().plusSeconds(35));
        store.recordAttempts(List.of(new Attempt(d.id(), s.id(), DeliveryState.DELIVERED, 2, 204, null, clock.instant(), null)));

        assertThat(only(s).state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(only(s).nextAttemptAt()).isNull();
        assertThat(store.dueDeliveries(Map.of(s.id(), 1), clock.instant().plus(Duration.ofDays(1)))).isEmpty();
        Subscription after = store.webhook(s.id()).orElseThrow();
        assertThat(after.lastState()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(after.lastHttpStatus()).isEqualTo(204);
        assertThat(after.lastAttemptAt()).isEqualTo(clock.instant());
    }

    /** GIVEN a delivery claimed by a hub that is stopping WHEN it is released THEN it is due at once, with no attempt counted. */
    @Test
    void releasedDeliveryIsDueAgain() {
        Subscription s = hook("http://127.0.0.1:9/a", List.of());
        store.enqueueDeliveries(List.of(delivery(s, 1)), 1, clock.instant());
        Delivery d = store.claimDeliveries(store.dueDeliveries(Map.of(s.id(), 1), clock.instant()), clock.instant().plusSeconds(35)).get(0);

        store.releaseDeliveries(List.of(d.id()), clock.instant());

        assertThat(store.dueDeliveries(Map.of(s.id(), 1), clock.instant())).singleElement()
                .satisfies(x -> assertThat(x.attempts()).isZero());
    }

    /** GIVEN a delivered, a given-up and an open delivery, all old WHEN pruned in steps of one THEN the two final ones go and the open one stays. */
    @Test
    void pruningTakesFinishedDeliveriesOnly() {
        Subscription s = hook("http://127.0.0.1:9/a", List.of());
        store.enqueueDeliveries(List.of(delivery(s, 1), delivery(s, 2), delivery(s, 3)), 3, clock.instant());
        List<Delivery> ds = store.deliveries(s.id(), 10);
        store.recordAttempts(List.of(
                new Attempt(ds.get(2).id(), s.id(), DeliveryState.DELIVERED, 1, 200, null, clock.instant(), null),
                new Attempt(ds.get(1).id(), s.id(), DeliveryState.GAVE_UP, 8, null, "no answer", clock.instant(), null)));
        Instant cut = clock.instant().plusSeconds(1);

        assertThat(store.pruneWebhookDeliveries(clock.instant(), 10)).isZero();
        assertThat(store.pruneWebhookDeliveries(cut, 1)).isEqualTo(1);
        assertThat(store.pruneWebhookDeliveries(cut, 1)).isEqualTo(1);
        assertThat(store.pruneWebhookDeliveries(cut, 1)).isZero();

        assertThat(store.deliveries(s.id(), 10)).extracting(Delivery::eventId).containsExactly(3L);
    }
}
