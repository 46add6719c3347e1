package io.onegrid.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.api.GatewayClock;
import io.onegrid.api.OutboundMessage;
import io.onegrid.api.Priority;
import io.onegrid.api.StoredMessage;
import io.onegrid.outbox.OutboxSettings;
import io.onegrid.outbox.SqliteOutbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quarantine commands against a real outbox.db, while an SqliteOutbox has it open as a gateway would. */
class OutboxCliTest {
    @TempDir
    Path dir;
    private Path db;
    private SqliteOutbox outbox;
    private long alarm;
    private long telemetry;

    private record Run(int code, String out, String err) { }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = OutboxCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static OutboundMessage msg(Priority p, String text) {
        return new OutboundMessage(p, p.name().toLowerCase(java.util.Locale.ROOT), text.getBytes(StandardCharsets.UTF_8));
    }

    /** A running outbox with one quarantined alarm and one quarantined telemetry message, and one pending alarm. */
    @BeforeEach
    void openOutbox() throws Exception {
        db = dir.resolve("state").resolve("outbox.db");
        outbox = SqliteOutbox.open(OutboxSettings.of(db).withCommitIntervalMs(0), GatewayClock.SYSTEM);
        alarm = outbox.append(msg(Priority.ALARM, "refused-alarm"));
        telemetry = outbox.append(msg(Priority.TELEMETRY, "refused-telemetry"));
        outbox.append(msg(Priority.ALARM, "younger-alarm"));
        outbox.quarantine(alarm, "PUBACK reason code 0x99");
        outbox.quarantine(telemetry, "PUBACK reason code 0x87");
        outbox.flush();
    }

    @AfterEach
    void closeOutbox() {
        outbox.close();
    }

    /** GIVEN two quarantined messages WHEN listed with --db THEN both show with kind, size and reason; exit 0. */
    @Test
    void listShowsTheQuarantine() {
        Run r = run("quarantine", "list", "--db", db.toString());

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("PUBACK reason code 0x99", "PUBACK reason code 0x87", "2 quarantined message(s)")
                .containsPattern("(?m)^" + alarm + "\\s+alarm\\s+alarm\\s+13\\s+0\\s");
    }

    /**
     * GIVEN the running outbox WHEN the alarm is replayed THEN it is pending again before the younger alarm,
     * the running outbox counts it (it noticed the change), and the list shows only the telemetry.
     */
    @Test
    void replayWhileTheOutboxIsOpen() throws Exception {
        Run r = run("quarantine", "replay", String.valueOf(alarm), "--db", db.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Replayed into the outbox 1 message(s): " + alarm);
        List<StoredMessage> pending = outbox.nextBatch(10, Set.of());
        assertThat(pending.get(0).id()).isEqualTo(alarm);
        assertThat(new String(pending.get(1).payload(), StandardCharsets.UTF_8)).isEqualTo("younger-alarm");
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.stats().quarantined() == 1
                && outbox.stats().pending() == 2);
        assertThat(run("quarantine", "list", "--db", db.toString()).out()).contains("1 quarantined message(s)")
                .doesNotContain("0x99");
    }

    /** GIVEN the running outbox WHEN everything is dropped THEN the quarantine is empty and nothing was replayed. */
    @Test
    void dropAll() throws Exception {
        Run r = run("quarantine", "drop", "--all", "--db", db.toString());

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Dropped 2 message(s)");
        assertThat(run("quarantine", "list", "--db", db.toString()).out()).contains("is empty");
        assertThat(outbox.nextBatch(10, Set.of())).hasSize(1);
    }

    /** GIVEN an id not in the quarantine WHEN replayed with a good one THEN exit 1 and nothing changes. */
    @Test
    void unknownIdFailsAndChangesNothing() {
        Run r = run("quarantine", "replay", String.valueOf(alarm), "424242", "--db", db.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("424242", "nothing was changed");
        assertThat(run("quarantine", "list", "--db", db.toString()).out()).contains("2 quarantined message(s)");
    }

    /** GIVEN a gateway configuration file WHEN --config is used THEN its storage.dir/outbox.db is the file listed. */
    @Test
    void configFileNamesTheOutbox() throws Exception {
        Path config = Files.writeString(dir.resolve("gateway.yaml"), """
                gateway:
                  id: gw-cli-01
                hub:
                  uri: tcp://127.0.0.1:1883
                storage:
                  dir: %s
                """.formatted(db.getParent().toAbsolutePath()));

        Run r = run("quarantine", "list", "--config", config.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 quarantined message(s)");
    }

    /** Usage errors exit 2 (no location, both --all and ids, unknown command); a missing file exits 1; help exits 0. */
    @Test
    void exitCodes() {
        assertThat(run("quarantine", "list").code()).isEqualTo(2);
        assertThat(run("quarantine", "replay", "--db", db.toString()).code()).isEqualTo(2);
        assertThat(run("quarantine", "drop", "--all", "7", "--db", db.toString()).code()).isEqualTo(2);
        assertThat(run("quarantine", "frobnicate").code()).isEqualTo(2);
        assertThat(run().code()).isEqualTo(2);
        Run missing = run("quarantine", "list", "--db", dir.resolve("nope.db").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("no outbox file");
        assertThat(dir.resolve("nope.db")).doesNotExist();
        Run help = run("quarantine", "replay", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--all", "--db", "--config", "original place");
    }
}
