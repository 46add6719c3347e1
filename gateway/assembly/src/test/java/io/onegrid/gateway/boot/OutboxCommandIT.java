package io.onegrid.gateway.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.api.GatewayClock;
import io.onegrid.api.OutboundMessage;
import io.onegrid.api.Priority;
import io.onegrid.outbox.OutboxSettings;
import io.onegrid.outbox.SqliteOutbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar onegrid-gateway.jar outbox ...}: the outbox command line from the exported jar, on the jars
 * it embeds (not the Maven class path), against an outbox.db that an SqliteOutbox holds open as a gateway would.
 */
class OutboxCommandIT {
    @TempDir
    Path work;

    private static String joined(GatewayProcess p) {
        return String.join("\n", p.out()) + "\n" + String.join("\n", p.err());
    }

    /**
     * GIVEN a running outbox with a quarantined alarm WHEN the jar lists it, replays it by id and lists again
     * THEN list shows it (exit 0), replay moves it back (exit 0) and the running outbox offers it again.
     */
    @Test
    void listAndReplayFromTheJarBesideARunningOutbox() throws Exception {
        Path db = work.resolve("state").resolve("outbox.db");
        try (SqliteOutbox outbox = SqliteOutbox.open(OutboxSettings.of(db).withCommitIntervalMs(0), GatewayClock.SYSTEM)) {
            long id = outbox.append(new OutboundMessage(Priority.ALARM, "alarm",
                    "{\"refused\":true}".getBytes(StandardCharsets.UTF_8)));
            outbox.quarantine(id, "PUBACK reason code 0x99");
            outbox.flush();

            GatewayProcess list = GatewayProcess.run(work, "outbox", "quarantine", "list", "--db", db.toString());
            assertThat(list.waitFor(60)).as(joined(list)).isZero();
            assertThat(list.out()).anyMatch(l -> l.startsWith(id + " ") && l.contains("PUBACK reason code 0x99"));

            GatewayProcess replay = GatewayProcess.run(work, "outbox", "quarantine", "replay", String.valueOf(id),
                    "--db", db.toString());
            assertThat(replay.waitFor(60)).as(joined(replay)).isZero();

            assertThat(outbox.nextBatch(10, Set.of())).extracting(m -> m.id()).containsExactly(id);
        }
    }

    /** GIVEN the jar WHEN asked for help, given bad usage or a missing file THEN exit 0, 2 and 1, and nothing is made. */
    @Test
    void exitCodesFromTheJar() throws Exception {
        GatewayProcess help = GatewayProcess.run(work, "outbox", "--help");
        assertThat(help.waitFor(60)).isZero();
        assertThat(joined(help)).contains("quarantine");

        GatewayProcess usage = GatewayProcess.run(work, "outbox", "quarantine", "drop", "--db", "x.db");
        assertThat(usage.waitFor(60)).isEqualTo(2);

        GatewayProcess missing = GatewayProcess.run(work, "outbox", "quarantine", "list", "--db", "missing.db");
        assertThat(missing.waitFor(60)).isEqualTo(1);
        assertThat(joined(missing)).contains("no outbox file");
        assertThat(Files.exists(work.resolve("missing.db"))).isFalse();
    }
}
