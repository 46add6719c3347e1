package io.onegrid.hub.it;

import static io.onegrid.hub.it.HubFixture.GW;
import static io.onegrid.hub.it.HubFixture.GW_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.hub.Envelopes;
import io.onegrid.hub.store.HubStore;
import io.onegrid.hub.store.StoreException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's record of a gateway going offline, when the database fails at that moment (real hub, Paho client). */
class GatewayOfflineIT {
    @TempDir
    Path dir;
    HubFixture hub;
    MqttAsyncClient client;
    final AtomicInteger failuresLeft = new AtomicInteger();

    @AfterEach
    void stop() throws Exception {
        if (client != null) client.close(true);
        if (hub != null) hub.close();
    }

    /** The real store, except that its next {@link #failuresLeft} ingest commits fail as a locked database would. */
    private HubStore failingCommits(HubStore real) {
        return (HubStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HubStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("apply") && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new StoreException("simulated: database is locked");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /**
     * Verifies that a failed offline write is retried rather than forgotten. GIVEN an online gateway and a database
     * that fails the next 2 commits WHEN the gateway disconnects THEN, once the database works again, the hub
     * shows it offline (and both failures were spent on that write).
     */
    @Test
    void offlineStateIsWrittenOnceTheDatabaseRecovers() throws Exception {
        hub = HubFixture.start(HubFixture.config(dir), this::failingCommits);
        client = hub.connect(GW, GW_SECRET);
        assertThat(hub.publish(client, Envelopes.birth(GW, "boot-1"))).isZero();
        assertThat(gateway().getBoolean("online")).isTrue();
        failuresLeft.set(2);

        client.disconnect().waitForCompletion(5000);

        await().atMost(Duration.ofSeconds(20)).until(() -> !gateway().getBoolean("online"));
        assertThat(failuresLeft.get()).isZero();
        assertThat(gateway().getString("state")).isEqualTo("offline");
    }

    private JsonObject gateway() throws Exception {
        JsonArray items = new JsonObject(hub.get("/api/gateways", hub.adminToken()).body()).getJsonArray("items");
        for (int i = 0; i < items.size(); i++) {
            if (items.getJsonObject(i).getString("id").equals(GW)) return items.getJsonObject(i);
        }
        throw new AssertionError("no gateway " + GW);
    }
}
