package io.onegrid.hub.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The claim and walk-test store contract on a real SQLite file. */
class SqliteClaimStoreTest extends ClaimStoreContract {
    @TempDir
    Path dir;

    @Override
    protected HubStore newStore() {
        return TestStores.sqlite(dir.resolve("hub.db"), clock);
    }
}
