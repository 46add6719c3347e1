package io.onegrid.outbox;

import io.onegrid.api.Outbox;
import io.onegrid.api.OutboxContract;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Outbox contract over the SQLite outbox (a new file per test). */
class SqliteOutboxContractTest extends OutboxContract {
    @Override
    protected Outbox newOutbox() throws Exception {
        Path dir = Files.createTempDirectory("outbox-contract");
        return SqliteOutbox.open(OutboxSettings.of(dir.resolve("outbox.db")).withCommitIntervalMs(0),
                TestMessages.FIXED_CLOCK);
    }

    @Override
    protected void settle(Outbox o) throws Exception {
        ((SqliteOutbox) o).flush();
    }

    @Override
    protected void dispose(Outbox o) {
        SqliteOutbox s = (SqliteOutbox) o;
        s.close();
        deleteQuietly(s.settings().path().getParent());
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
