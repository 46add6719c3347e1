package io.onegrid.outbox;

import io.onegrid.api.OutboxException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes the outbox file. Callers queue operations; the thread takes the first one,
 * keeps collecting for {@code commitIntervalMs} (or until {@code maxBatch} are waiting, or an urgent
 * operation such as an alarm arrives), runs them all in one transaction and completes every caller's
 * future after the commit. If a batch fails, its operations are retried one transaction each, so one bad
 * operation (a message that does not fit on a full disk) does not fail its neighbours.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

    /** One piece of work inside a transaction. */
    interface Op {
        void apply(Connection c) throws SQLException;
    }

    /**
     * Runs around each transaction: before the operations (notice changes made by another connection), after
     * them (byte bounds), after commit and after rollback; and, while idle, asks whether another connection
     * changed the file, which then gets an empty transaction so that {@link #beforeOps} sees it.
     */
    interface Hooks {
        void beforeOps(Connection c) throws SQLException;

        void beforeCommit(Connection c) throws SQLException;

        void committed();

        void rolledBack();

        boolean changedElsewhere(Connection c) throws SQLException;
    }

    /**
     * How long the idle writer waits before it checks for changes another connection made (the quarantine
     * command line replaying messages into the outbox of a running gateway). The check reads one pragma.
     */
    static final long IDLE_CHECK_MS = 2000;

    private record Queued(Op op, boolean urgent, CompletableFuture<Void> done) { }

    private static final Queued STOP = new Queued(c -> { }, true, new CompletableFuture<>());

    private final Connection connection;
    private final Hooks hooks;
    private final LinkedBlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final AtomicLong commits = new AtomicLong();
    private volatile long commitIntervalMs;
    private final int maxBatch;
    private volatile boolean closed;

    GroupCommitWriter(Connection connection, Hooks hooks, long commitIntervalMs, int maxBatch, String name) {
        this.connection = connection;
        this.hooks = hooks;
        this.commitIntervalMs = commitIntervalMs;
        this.maxBatch = maxBatch;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void setCommitIntervalMs(long ms) {
        this.commitIntervalMs = ms;
    }

    /** Queues an operation; the future completes after the transaction holding it committed. */
    CompletableFuture<Void> submit(Op op, boolean urgent) throws OutboxException {
        if (closed) throw new OutboxException(OutboxException.Code.CLOSED, "outbox is closed", null);
        Queued q = new Queued(op, urgent, new CompletableFuture<>());
        queue.add(q);
        return q.done;
    }

    /** Number of transactions committed so far (for tests and diagnostics). */
    long commits() {
        return commits.get();
    }

    private void run() {
        List<Queued> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            batch.clear();
            try {
                Queued first = queue.poll(IDLE_CHECK_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    checkElsewhere();
                    continue;
                }
                stopping = collect(first, batch);
            } catch (InterruptedException e) {
                stopping = true;
            }
            if (!batch.isEmpty()) {
                commit(batch);
            }
        }
        // Whatever was queued before close still gets written.
        batch.clear();
        queue.drainTo(batch);
        batch.removeIf(q -> q == STOP);
        if (!batch.isEmpty()) commit(batch);
    }

    private void checkElsewhere() {
        try {
            if (hooks.changedElsewhere(connection)) {
                SQLException e = transaction(List.of());
                if (e != null) LOG.debug("reading changes made by another connection failed: {}", e.toString());
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("checking for changes made by another connection failed: {}", e.toString());
        }
    }

    /** Fills the batch for one transaction; returns true when the stop marker was seen. */
    private boolean collect(Queued first, List<Queued> batch) throws InterruptedException {
        if (first == STOP) return true;
        batch.add(first);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(commitIntervalMs);
        boolean urgent = first.urgent;
        while (!urgent && batch.size() < maxBatch) {
            long left = deadline - System.nanoTime();
            if (left <= 0) break;
            Queued next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) break;
            if (next == STOP) return true;
            batch.add(next);
            urgent = next.urgent;
        }
        while (batch.size() < maxBatch) {
            Queued next = queue.poll();
            if (next == null) break;
            if (next == STOP) return true;
            batch.add(next);
        }
        return false;
    }

    private void commit(List<Queued> batch) {
        SQLException failure = transaction(batch);
        if (failure == null) {
            batch.forEach(q -> q.done.complete(null));
            return;
        }
        if (batch.size() == 1) {
            batch.get(0).done.completeExceptionally(SqliteErrors.map("outbox write failed", failure));
            return;
        }
        LOG.debug("group commit of {} operations failed, retrying one by one: {}", batch.size(), failure.toString());
        for (Queued q : batch) {
            SQLException e = transaction(List.of(q));
            if (e == null) q.done.complete(null);
            else q.done.completeExceptionally(SqliteErrors.map("outbox write failed", e));
        }
    }

    /**
     * One explicit BEGIN IMMEDIATE ... COMMIT. The connection stays in JDBC auto-commit mode on purpose:
     * sqlite-jdbc's manual-commit mode re-opens a write transaction right after every commit, which would
     * hold the file's write lock between batches, and after an error SQLite rolled back by itself it would
     * run the next statements outside any transaction.
     */
    private SQLException transaction(List<Queued> ops) {
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                hooks.beforeOps(connection);
                for (Queued q : ops) q.op.apply(connection);
                hooks.beforeCommit(connection);
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollback(s, e);
                hooks.rolledBack();
                return e instanceof SQLException se ? se : new SQLException("outbox operation failed: " + e, e);
            }
            commits.incrementAndGet();
            hooks.committed();
            return null;
        } catch (SQLException e) {
            hooks.rolledBack();
            return e;
        }
    }

    private static void rollback(Statement s, Exception cause) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException r) {
            // SQLite may already have rolled back by itself (it does on SQLITE_FULL in some cases).
            cause.addSuppressed(r);
        }
    }

    /** Stops taking work, writes what is queued, and waits for the thread. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        queue.add(STOP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Anything that raced in after STOP is refused, not silently dropped.
        Queued q;
        while ((q = queue.poll()) != null) {
            q.done.completeExceptionally(new OutboxException(OutboxException.Code.CLOSED, "outbox is closed", null));
        }
    }
}
