package io.onegrid.bench.outbox;

import io.onegrid.api.GatewayClock;
import io.onegrid.api.OutboundMessage;
import io.onegrid.api.OutboxException;
import io.onegrid.api.Priority;
import io.onegrid.bench.Payloads;
import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.outbox.OutboxSettings;
import io.onegrid.outbox.SqliteOutbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Durable appends per second into a real SQLite outbox file: {@link SqliteOutbox}'s group commit from 1, 8
 * and 32 producer threads against the obvious alternative, one {@code BEGIN IMMEDIATE; INSERT; COMMIT} per
 * message on one shared connection, same schema, WAL and {@code synchronous=FULL}. Every append returns only
 * after its commit, so both sides pay for durability. Each iteration starts on a fresh file in a temp dir.
 * Methods {@code tNN_groupCommit} and {@code tNN_reference} pair up (bench/run.sh prints the ratios).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(1)
public class OutboxAppendBenchmark {
    /** A 10-reading telemetry envelope, encoded as the gateway would store it (about 1.3 kB). */
    static final byte[] PAYLOAD = new EnvelopeCodec().encode(Payloads.telemetry("gw-bench-01", 1, 10));
    static final OutboundMessage MESSAGE = new OutboundMessage(Priority.TELEMETRY, "telemetry", PAYLOAD);
    /** Far above what a run writes: the byte bound (and its telemetry dropping) never kicks in. */
    static final long NO_BOUND = 1L << 40;

    /** The outbox under test. commitIntervalMs 0 is the shipped default (commits whatever queued meanwhile); 20 measures a fixed window. */
    @State(Scope.Benchmark)
    public static class GroupCommit {
        @Param({"0", "20"})
        public long commitIntervalMs;
        Path dir;
        SqliteOutbox outbox;

        @Setup(Level.Iteration)
        public void open() throws IOException, OutboxException {
            dir = Files.createTempDirectory("onegrid-bench-outbox");
            outbox = SqliteOutbox.open(OutboxSettings.of(dir.resolve("outbox.db")).withMaxBytes(NO_BOUND)
                    .withCommitIntervalMs(commitIntervalMs), GatewayClock.SYSTEM);
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException {
            outbox.close();
            deleteTree(dir);
        }
    }

    /** The reference: one transaction per message on a connection opened with the outbox's own settings. */
    @State(Scope.Benchmark)
    public static class OnePerMessage {
        Path dir;
        Connection connection;
        Statement control;
        PreparedStatement insert;
        PreparedStatement lastId;

        @Setup(Level.Iteration)
        public void open() throws IOException, OutboxException, SQLException {
            dir = Files.createTempDirectory("onegrid-bench-outbox-ref");
            Path file = dir.resolve("outbox.db");
            SqliteOutbox.open(OutboxSettings.of(file), GatewayClock.SYSTEM).close(); // same schema as the real thing
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(5000);
            SQLiteDataSource ds = new SQLiteDataSource(config);
            ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
            connection = ds.getConnection();
            control = connection.createStatement();
            insert = connection.prepareStatement(
                    "INSERT INTO outbox (priority, kind, payload, size, enqueued_wall_ms) VALUES (?,?,?,?,?)");
            lastId = connection.prepareStatement("SELECT last_insert_rowid()");
        }

        synchronized long append(OutboundMessage m) throws SQLException {
            control.execute("BEGIN IMMEDIATE");
            try {
                insert.setInt(1, m.priority().rank());
                insert.setString(2, m.kind());
                insert.setBytes(3, m.payload());
                insert.setLong(4, m.payload().length);
                insert.setLong(5, System.currentTimeMillis());
                insert.executeUpdate();
                long id;
                try (ResultSet rs = lastId.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                control.execute("COMMIT");
                return id;
            } catch (SQLException | RuntimeException e) {
                control.execute("ROLLBACK");
                throw e;
            }
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException, SQLException {
            connection.close();
            deleteTree(dir);
        }
    }

    @Benchmark
    @Threads(1)
    public long t01_groupCommit(GroupCommit s) throws OutboxException {
        return s.outbox.append(MESSAGE);
    }

    @Benchmark
    @Threads(1)
    public long t01_reference(OnePerMessage s) throws SQLException {
        return s.append(MESSAGE);
    }

    @Benchmark
    @Threads(8)
    public long t08_groupCommit(GroupCommit s) throws OutboxException {
        return s.outbox.append(MESSAGE);
    }

    @Benchmark
    @Threads(8)
    public long t08_reference(OnePerMessage s) throws SQLException {
        return s.append(MESSAGE);
    }

    @Benchmark
    @Threads(32)
    public long t32_groupCommit(GroupCommit s) throws OutboxException {
        return s.outbox.append(MESSAGE);
    }

    @Benchmark
    @Threads(32)
    public long t32_reference(OnePerMessage s) throws SQLException {
        return s.append(MESSAGE);
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
