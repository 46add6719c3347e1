package io.onegrid.outbox;

import static io.onegrid.outbox.TestMessages.alarm;
import static io.onegrid.outbox.TestMessages.telemetry;
import static io.onegrid.outbox.TestMessages.transition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandException;
import io.onegrid.api.GatewayClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox's {@code outbox} and {@code alarms} commands against a real SQLite outbox. */
class ConsoleCommandsTest {
    @TempDir
    Path dir;
    private SqliteOutbox outbox;
    private long wall = 1_000;
    private final GatewayClock clock = new GatewayClock() {
        @Override
        public long wallMs() {
            return wall;
        }

        @Override
        public long monoMs() {
            return wall;
        }
    };

    @AfterEach
    void close() {
        if (outbox != null) outbox.close();
    }

    /** GIVEN two messages stored 5 s apart WHEN outbox is asked 10 s after the first THEN it tells depth and the oldest's age. */
    @Test
    void outboxTellsDepthAndOldestAge() throws Exception {
        outbox = SqliteOutbox.open(OutboxSettings.of(dir.resolve("outbox.db")).withCommitIntervalMs(0), clock);
        outbox.append(telemetry("a"));
        wall += 5_000;
        outbox.append(telemetry("b"));
        wall += 5_000;

        Map<String, Object> result = new OutboxCommand(outbox, clock).handle(CommandArgs.none());

        assertThat(result).containsEntry("pending", 2L).containsEntry("oldestPendingAgeMs", 10_000L)
                .containsEntry("quarantined", 0L).containsKeys("pendingBytes", "quarantinedBytes", "droppedTelemetry");
    }

    /** GIVEN one alarm raised and one raised then cleared WHEN alarms is asked THEN only the raised one is listed. */
    @Test
    @SuppressWarnings("unchecked")
    void alarmsListsOnlyRaisedOnes() throws Exception {
        outbox = SqliteOutbox.open(OutboxSettings.of(dir.resolve("outbox.db")).withCommitIntervalMs(0), clock);
        outbox.record(transition("al-1", true), alarm("raise 1"));
        outbox.record(transition("al-2", true), alarm("raise 2"));
        outbox.record(transition("al-2", false), alarm("clear 2"));

        List<Map<String, Object>> alarms = (List<Map<String, Object>>) new AlarmsCommand(outbox, clock)
                .handle(CommandArgs.none()).get("alarms");

        assertThat(alarms).singleElement().satisfies(a -> assertThat(a).containsEntry("alarm", "al-1")
                .containsEntry("device", "smoke-302").containsKeys("severity", "rule", "ageMs"));
    }

    /** An argument to a command that takes none is refused, not ignored. */
    @Test
    void refusesArguments() throws Exception {
        outbox = SqliteOutbox.open(OutboxSettings.of(dir.resolve("outbox.db")), clock);
        assertThatThrownBy(() -> new OutboxCommand(outbox, clock).handle(new CommandArgs(Map.of("x", 1))))
                .isInstanceOf(CommandException.class);
    }
}
