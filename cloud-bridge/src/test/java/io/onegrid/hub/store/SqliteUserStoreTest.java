package io.onegrid.hub.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The user-account store contract on a real SQLite file. */
class SqliteUserStoreTest extends UserStoreContract {
    @TempDir
    Path dir;

    @Override
    protected HubStore newStore() {
        return TestStores.sqlite(dir.resolve("hub.db"), clock);
    }
}
