package io.onegrid.hub.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.hub.store.WebhookStore.Attempt;
import io.onegrid.hub.store.WebhookStore.Delivery;
import io.onegrid.hub.store.WebhookStore.DeliveryState;
import io.onegrid.hub.webhooks.RetrySchedule.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Retries after the hub's backoff, and giving up; fixed seeds, a fixed clock. */
class RetryScheduleTest {
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private final RetrySchedule defaults = new RetrySchedule(8, Duration.ofSeconds(30), Duration.ofMinutes(30));

    private static Delivery delivery(int attempts) {
        return new Delivery(9, 3, 42, 7, "opened", "{}", attempts == 0 ? DeliveryState.PENDING : DeliveryState.FAILED,
                attempts, null, null, NOW, null, NOW);
    }

    /**
     * GIVEN the default schedule (8 attempts, 30 s doubling to 30 min) WHEN every attempt fails THEN the n-th retry
     * waits between half and all of min(30 s * 2^(n-1), 30 min), the eighth failure gives up, and the whole span is
     * about half an hour to an hour.
     */
    @Test
    void defaultScheduleBacksOffThenGivesUp() {
        Random random = new Random(7);
        Instant at = NOW;
        Delivery d = delivery(0);
        long total = 0;
        for (int n = 1; n <= 7; n++) {
            Attempt a = defaults.after(d, Outcome.status(503), at, random);
            assertThat(a.state()).isEqualTo(DeliveryState.FAILED);
            assertThat(a.attempts()).isEqualTo(n);
            assertThat(a.httpStatus()).isEqualTo(503);
            assertThat(a.error()).isEqualTo("HTTP 503");
            long ceiling = Math.min(Duration.ofMinutes(30).toMillis(), 30_000L << (n - 1));
            long delay = Duration.between(at, a.nextAttemptAt()).toMillis();
            assertThat(delay).as("delay after failure %d", n).isBetween(ceiling / 2, ceiling);
            total += delay;
            at = a.nextAttemptAt();
            d = new Delivery(d.id(), d.webhookId(), d.eventId(), d.caseId(), d.change(), d.payloadJson(), a.state(),
                    a.attempts(), a.httpStatus(), a.error(), d.createdAt(), a.at(), a.nextAttemptAt());
        }
        Attempt last = defaults.after(d, Outcome.error("no answer within 5000 ms"), at, random);

        assertThat(last.state()).isEqualTo(DeliveryState.GAVE_UP);
        assertThat(last.attempts()).isEqualTo(8);
        assertThat(last.nextAttemptAt()).isNull();
        assertThat(last.error()).isEqualTo("no answer within 5000 ms");
        assertThat(Duration.ofMillis(total)).isBetween(Duration.ofMinutes(30), Duration.ofMinutes(62));
    }

    /** GIVEN the same seed twice WHEN the delay after the third failure is drawn THEN it is the same: retries are reproducible in tests. */
    @Test
    void sameSeedSameDelay() {
        assertThat(defaults.delayAfter(3, new Random(42))).isEqualTo(defaults.delayAfter(3, new Random(42)));
    }

    /** GIVEN a failed delivery WHEN its next attempt is answered 2xx THEN it is delivered, with no next attempt and no error. */
    @Test
    void twoHundredsDeliver() {
        Attempt a = defaults.after(delivery(2), Outcome.status(204), NOW, new Random(1));

        assertThat(a.state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(a.attempts()).isEqualTo(3);
        assertThat(a.nextAttemptAt()).isNull();
        assertThat(a.error()).isNull();
    }

    /** GIVEN answers 199, 301, 400 and 500 THEN none delivers, and a redirect says it is not followed. */
    @Test
    void onlyTwoHundredsCount() {
        assertThat(Outcome.status(199).delivered()).isFalse();
        assertThat(Outcome.status(301).delivered()).isFalse();
        assertThat(Outcome.status(301).error()).contains("redirects are not followed");
        assertThat(Outcome.status(400).delivered()).isFalse();
        assertThat(Outcome.status(500).delivered()).isFalse();
        assertThat(Outcome.status(200).delivered()).isTrue();
        assertThat(Outcome.status(299).delivered()).isTrue();
    }

    /** GIVEN a schedule of one attempt WHEN that attempt fails THEN the delivery gives up at once. */
    @Test
    void singleAttemptGivesUpAtOnce() {
        Attempt a = new RetrySchedule(1, Duration.ofSeconds(1), Duration.ofSeconds(1))
                .after(delivery(0), Outcome.status(500), NOW, new Random(3));

        assertThat(a.state()).isEqualTo(DeliveryState.GAVE_UP);
    }
}
