package io.onegrid.hub.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Webhook subscriptions and their deliveries log (migration V9). The case transaction only appends its live event
 * to {@code hub_events}; the webhook worker later turns events into deliveries here ({@link #enqueueDeliveries}),
 * claims the due ones ({@link #claimDeliveries}) and records each attempt ({@link #recordAttempts}). Claims are a
 * compare-and-set on {@code next_attempt_at}, so hub nodes sharing a database do not send one delivery twice at once.
 */
public interface WebhookStore {

    /** A delivery's state as the API shows it: {@code pending}, {@code delivered}, {@code failed} (will retry), {@code gave-up}. */
    enum DeliveryState {
        PENDING, DELIVERED, FAILED, GAVE_UP;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Open states are retried; the others are final. */
        public boolean open() {
            return this == PENDING || this == FAILED;
        }
    }

    /**
     * A subscription. {@code sealedSecret} is the signing secret as stored (encrypted); {@code caseTypes} empty means
     * every type. {@code last*} describe its latest attempt, null before the first.
     */
    record Subscription(long id, String url, String node, List<String> caseTypes, boolean enabled, Instant createdAt,
                        String createdBy, long sinceEventId, String sealedSecret, Instant lastAttemptAt,
                        DeliveryState lastState, Integer lastHttpStatus) {
        public Subscription {
            caseTypes = List.copyOf(caseTypes);
        }

        @Override
        public String toString() {
            return "Subscription[id=" + id + ", node=" + node + ", caseTypes=" + caseTypes + ", enabled=" + enabled + "]";
        }
    }

    /** What a new subscription is made of; the store adds id, time and the newest event id. */
    record NewSubscription(String url, String node, List<String> caseTypes, String sealedSecret, String createdBy) {
        public NewSubscription {
            caseTypes = List.copyOf(caseTypes);
        }

        @Override
        public String toString() {
            return "NewSubscription[node=" + node + ", caseTypes=" + caseTypes + "]";
        }
    }

    /** One case event for one subscription. {@code nextAttemptAt} is null once it is final. */
    record Delivery(long id, long webhookId, long eventId, long caseId, String change, String payloadJson,
                    DeliveryState state, int attempts, Integer httpStatus, String error, Instant createdAt,
                    Instant lastAttemptAt, Instant nextAttemptAt) { }

    /** A delivery to create: the body is final, so every attempt sends the same bytes. */
    record NewDelivery(long webhookId, long eventId, long caseId, String change, String payloadJson) { }

    /** The outcome of one attempt, to record: its new state, count and, while open, when to try again. */
    record Attempt(long deliveryId, long webhookId, DeliveryState state, int attempts, Integer httpStatus, String error,
                   Instant at, Instant nextAttemptAt) { }

    /** Creates an enabled subscription that receives events appended after this moment; audited by {@code createdBy}. */
    Subscription createWebhook(NewSubscription s);

    /** Every subscription, oldest first. */
    List<Subscription> webhooks();

    Optional<Subscription> webhook(long id);

    /** Pauses or resumes; audited by {@code user}. False when there is no such subscription. */
    boolean setWebhookEnabled(long id, boolean enabled, String user);

    /** Deletes a subscription and its deliveries; audited by {@code user}. False when there is no such subscription. */
    boolean deleteWebhook(long id, String user);

    /** A subscription's deliveries, newest first. */
    List<Delivery> deliveries(long webhookId, int limit);

    /** Every event up to this id has been turned into deliveries. */
    long webhookCursor();

    /**
     * Creates the deliveries (one that exists for the same subscription and event is left as it is, so a re-scan
     * after a restart adds nothing twice), due at {@code now}, and moves the cursor to {@code cursor} if that is
     * further; one transaction. Returns how many were created.
     */
    int enqueueDeliveries(List<NewDelivery> deliveries, long cursor, Instant now);

    /** For each subscription id, at most that many of its open deliveries due at {@code now}, oldest event first. */
    List<Delivery> dueDeliveries(Map<Long, Integer> limits, Instant now);

    /**
     * Claims the given due deliveries until {@code leaseUntil} (a hub that dies mid-attempt lets them be retried
     * then). Returns those this caller got: one whose {@code nextAttemptAt} changed since it was read is skipped.
     */
    List<Delivery> claimDeliveries(List<Delivery> due, Instant leaseUntil);

    /** Records attempts and each subscription's latest outcome, in one transaction. */
    void recordAttempts(List<Attempt> attempts);

    /** Makes claimed deliveries due at {@code at} again without counting an attempt (the hub is stopping). */
    void releaseDeliveries(Collection<Long> deliveryIds, Instant at);

    /** Deletes at most {@code maxRows} of the oldest delivered or given-up deliveries created before {@code before}. */
    int pruneWebhookDeliveries(Instant before, int maxRows);
}
