package io.onegrid.hub.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The webhook store contract on a real SQLite file. */
class SqliteWebhookStoreTest extends WebhookStoreContract {
    @TempDir
    Path dir;

    @Override
    protected HubStore newStore() {
        return TestStores.sqlite(dir.resolve("hub.db"), clock);
    }
}
