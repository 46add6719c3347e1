package io.onegrid.hub.webhooks;

import io.onegrid.hub.store.WebhookStore.Attempt;
import io.onegrid.hub.store.WebhookStore.Delivery;
import io.onegrid.hub.store.WebhookStore.DeliveryState;
import java.time.Duration;
import java.time.Instant;
import io.onegrid.profile.Backoff;
import java.util.Random;

/**
 * What an attempt's outcome makes of a delivery: a 2xx is {@code delivered}; anything else is {@code failed} with the
 * next attempt after the project's {@link Backoff} (jittered, so retries of many deliveries that failed together
 * spread out), until the n-th failure is the last allowed: {@code gave-up}.
 */
record RetrySchedule(int maxAttempts, Duration initial, Duration max) {
    /** As the hub's other retries: each wait between half and all of its doubling ceiling. */
    static final double JITTER = 0.5;

    RetrySchedule {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
        new Backoff(new Random(0)).retries(initial.toMillis(), max.toMillis(), JITTER); // checks the bounds once, here
    }

    /** How one attempt ended: delivered (2xx), or not with the receiver's status if it answered, and why. */
    record Outcome(boolean delivered, Integer httpStatus, String error) {
        static Outcome status(int status) {
            boolean ok = status >= 200 && status < 300;
            return new Outcome(ok, status, ok ? null : "HTTP " + status + (status >= 300 && status < 400
                    ? " (redirects are not followed; give the final URL)" : ""));
        }

        static Outcome error(String why) {
            return new Outcome(false, null, why);
        }
    }

    Attempt after(Delivery d, Outcome o, Instant now, Random random) {
        int attempts = d.attempts() + 1;
        if (o.delivered()) {
            return new Attempt(d.id(), d.webhookId(), DeliveryState.DELIVERED, attempts, o.httpStatus(), null, now, null);
        }
        if (attempts >= maxAttempts) {
            return new Attempt(d.id(), d.webhookId(), DeliveryState.GAVE_UP, attempts, o.httpStatus(), o.error(), now, null);
        }
        return new Attempt(d.id(), d.webhookId(), DeliveryState.FAILED, attempts, o.httpStatus(), o.error(), now,
                now.plusMillis(delayAfter(attempts, random)));
    }

    /** The delay after the {@code failures}-th failure (a delivery keeps no backoff object between attempts). */
    long delayAfter(int failures, Random random) {
        return new Backoff(random).delayMs(initial.toMillis(), failures - 1, max.toMillis(), JITTER);
    }
}
