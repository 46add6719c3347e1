package io.onegrid.hub.webhooks;

import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.security.Secrets;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.WebhookStore.Delivery;
import io.onegrid.hub.store.WebhookStore.NewSubscription;
import io.onegrid.hub.store.WebhookStore.Subscription;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the admin API does with subscriptions (http.WebhookRoutes is its HTTP side). Methods block: call them from a
 * worker thread. The signing secret is sealed before it is stored and returned only by {@link #create}.
 */
public final class WebhookService {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookService.class);
    private final HubStore store;
    private final SecretBox box;
    private final Secrets secrets;
    private final Runnable wakeWorker;

    /** A new subscription and its secret in clear text, for the one answer that shows it. */
    public record Created(Subscription subscription, String secret) {
        @Override
        public String toString() {
            return "Created[" + subscription + "]";
        }
    }

    public WebhookService(HubStore store, SecretBox box, Secrets secrets, Runnable wakeWorker) {
        this.store = store;
        this.box = box;
        this.secrets = secrets;
        this.wakeWorker = wakeWorker;
    }

    /** Checks the body of {@code POST /api/webhooks} (400 naming the field), before any blocking work. */
    public WebhookRequest parse(JsonObject body) {
        return WebhookRequest.create(body, store.grid());
    }

    /** {@code PATCH /api/webhooks/{id}}: the new {@code enabled}, checked. */
    public static boolean parseEnabled(JsonObject body) {
        return WebhookRequest.enabled(body);
    }

    public Created create(WebhookRequest r, String user) {
        String secret = r.secret().orElseGet(secrets::token);
        String sealed;
        try {
            sealed = box.seal(secret);
        } catch (IllegalStateException e) {
            // the key file is made on first use, so a read-only or missing folder shows here, not at start
            LOG.warn("cannot create a webhook: {}; set --webhook-key-file to a file the hub may write", e.getMessage());
            throw new HubException(HubError.INTERNAL, "the hub cannot keep webhook secrets: its key file " + box.file()
                    + " cannot be made or read (see the hub log; --webhook-key-file)");
        }
        Subscription s = store.createWebhook(new NewSubscription(r.url(), r.node(), r.caseTypes(), sealed, user));
        return new Created(s, secret);
    }

    public List<Subscription> list() {
        return store.webhooks();
    }

    public Subscription setEnabled(long id, boolean enabled, String user) {
        if (!store.setWebhookEnabled(id, enabled, user)) throw notFound(id);
        if (enabled) wakeWorker.run(); // what waited during the pause may be due now
        return store.webhook(id).orElseThrow(() -> notFound(id));
    }

    public void delete(long id, String user) {
        if (!store.deleteWebhook(id, user)) throw notFound(id);
    }

    public List<Delivery> deliveries(long id, int limit) {
        if (store.webhook(id).isEmpty()) throw notFound(id);
        return store.deliveries(id, limit);
    }

    private static HubException notFound(long id) {
        return new HubException(HubError.NOT_FOUND, "no webhook " + id);
    }
}
