package io.onegrid.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.api.GatewayClock;
import io.onegrid.api.StoredMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway process killed with SIGKILL in the middle of appending loses nothing it had committed. */
class OutboxCrashIT {
    @TempDir
    Path dir;

    /** Kill -9 a child JVM that is appending; on reopen every id it reported as committed is there. */
    @Test
    void killNineLosesNothingCommitted() throws Exception {
        Path file = dir.resolve("outbox.db");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashAppender.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<Long> reported = new HashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (reported.size() < 300 && (line = out.readLine()) != null) {
                if (line.startsWith("committed ")) reported.add(Long.parseLong(line.substring(10)));
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, mid-transaction
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(reported).hasSize(300);
        try (SqliteOutbox reopened = SqliteOutbox.open(OutboxSettings.of(file), GatewayClock.SYSTEM)) {
            List<StoredMessage> all = reopened.nextBatch(100_000, Set.of());
            assertThat(all).extracting(StoredMessage::id).containsAll(reported);
            assertThat(reopened.stats().pending()).isEqualTo(all.size());
        }
    }
}
