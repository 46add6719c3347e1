package io.onegrid.outbox;

import io.onegrid.api.ActiveAlarm;
import io.onegrid.api.AlarmStateStore;
import io.onegrid.api.AlarmTransition;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.OutboundMessage;
import io.onegrid.api.Outbox;
import io.onegrid.api.OutboxException;
import io.onegrid.api.OutboxStats;
import io.onegrid.api.Priority;
import io.onegrid.api.StoredMessage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's store-and-forward: {@link Outbox} and {@link AlarmStateStore} on one SQLite file.
 *
 * <h2>Message life</h2>
 * <ol>
 * <li><b>APPENDED</b> (pending): {@link #append} or {@link #record} returned, so the row is committed
 *     (group commit, {@code synchronous=FULL}) and survives a killed process or a power cut.</li>
 * <li><b>IN_FLIGHT</b>: {@link #nextBatch} handed it to the uplink. The outbox keeps no in-flight state of
 *     its own: the uplink passes the ids it holds as {@code excludeIds}, so after a crash or a lost connection
 *     every in-flight message simply is pending again.</li>
 * <li>Then one of:
 *   <ul>
 *   <li><b>ACKED</b>: {@link #acknowledge} deletes the row.</li>
 *   <li><b>back to PENDING</b>: {@link #attemptFailed} counts the attempt; the message keeps its place in
 *       the order and is offered again by the next {@link #nextBatch}.</li>
 *   <li><b>QUARANTINED</b>: {@link #quarantine} moves the row with its reason to the {@code quarantine}
 *       table; it is never offered again, unless an operator replays it ({@link QuarantineFile}), which puts
 *       it back in its old place with its attempts reset.</li>
 *   </ul></li>
 * </ol>
 * {@link #acknowledge}, {@link #attemptFailed} and {@link #quarantine} are queued into the next group commit
 * and return at once: losing one in a crash only means the message is sent again, which the hub
 * de-duplicates on (gateway, boot, seq). Until their commit, acknowledged and quarantined ids are already
 * hidden from {@link #nextBatch}.
 *
 * <h2>Order and bounds</h2>
 * {@link #nextBatch} returns alarms, then events, then telemetry, oldest (lowest id) first within a
 * priority. Pending payload bytes are bounded by {@code maxBytes} and quarantined ones by
 * {@code quarantineMaxBytes}, both enforced in each transaction by {@link OutboxBounds}: the oldest
 * telemetry is dropped, never an alarm or event; the oldest quarantined non-alarms are evicted first, then
 * the oldest quarantined alarms. A full disk ({@code SQLITE_FULL}) fails the append with
 * {@link OutboxException.Code#FULL} and leaves every committed row in place.
 */
public final class SqliteOutbox implements Outbox, AlarmStateStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteOutbox.class);
    static final int MAX_REASON_CHARS = 1000;

    private final OutboxSettings initial;
    private final GatewayClock clock;
    private final Connection writerConnection;
    private final Connection reader;
    private final GroupCommitWriter writer;
    private final Counters counters;
    private final OutboxBounds bounds;
    private final Set<Long> settling = ConcurrentHashMap.newKeySet();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private SqliteOutbox(OutboxSettings settings, GatewayClock clock, Connection writerConnection, Connection reader)
            throws SQLException {
        this.initial = settings;
        this.clock = clock;
        this.writerConnection = writerConnection;
        this.reader = reader;
        this.counters = Counters.load(writerConnection);
        this.bounds = new OutboxBounds(writerConnection, counters, settings.maxBytes(), settings.quarantineMaxBytes(),
                this::notifyListeners);
        this.writer = new GroupCommitWriter(writerConnection, bounds, settings.commitIntervalMs(),
                settings.maxBatch(), "onegrid-outbox-writer");
    }

    /** Opens (creating if needed) the outbox file. */
    public static SqliteOutbox open(OutboxSettings settings, GatewayClock clock) throws OutboxException {
        Connection w = OutboxDatabase.open(settings.path(), true);
        Connection r = null;
        try {
            r = OutboxDatabase.open(settings.path(), false);
            return new SqliteOutbox(settings, clock, w, r);
        } catch (OutboxException | RuntimeException e) {
            closeQuietly(w);
            if (r != null) closeQuietly(r);
            throw e;
        } catch (SQLException e) {
            closeQuietly(w);
            closeQuietly(r);
            throw SqliteErrors.map("cannot read outbox " + settings.path(), e);
        }
    }

    public OutboxSettings settings() {
        return new OutboxSettings(initial.path(), bounds.maxBytes(), initial.commitIntervalMs(), initial.maxBatch(),
                bounds.quarantineMaxBytes());
    }

    /** Applies new byte bounds and commit window live; the bounds are enforced at the next commit. */
    public void reconfigure(long newMaxBytes, long newCommitIntervalMs, long newQuarantineMaxBytes) {
        OutboxSettings checked = initial.withMaxBytes(newMaxBytes).withCommitIntervalMs(newCommitIntervalMs)
                .withQuarantineMaxBytes(newQuarantineMaxBytes);
        bounds.set(checked.maxBytes(), checked.quarantineMaxBytes());
        writer.setCommitIntervalMs(checked.commitIntervalMs());
    }

    /** Applies a new pending-byte bound and commit window live, keeping the quarantine bound. */
    public void reconfigure(long newMaxBytes, long newCommitIntervalMs) {
        reconfigure(newMaxBytes, newCommitIntervalMs, bounds.quarantineMaxBytes());
    }

    @Override
    public long append(OutboundMessage message) throws OutboxException {
        validate(message);
        long[] id = new long[1];
        long now = clock.wallMs();
        await(writer.submit(c -> id[0] = insert(c, message, now), message.priority() == Priority.ALARM));
        notifyListeners();
        return id[0];
    }

    @Override
    public void record(AlarmTransition transition, OutboundMessage message) throws OutboxException {
        Objects.requireNonNull(transition, "transition");
        validate(message);
        long now = clock.wallMs();
        await(writer.submit(c -> {
            OutboxRows.recordState(c, transition);
            insert(c, message, now);
        }, true));
        notifyListeners();
    }

    @Override
    public List<ActiveAlarm> active() throws OutboxException {
        checkOpen();
        synchronized (reader) {
            try {
                return OutboxRows.active(reader);
            } catch (SQLException e) {
                throw SqliteErrors.map("cannot read active alarms", e);
            }
        }
    }

    @Override
    public List<StoredMessage> nextBatch(int max, Set<Long> excludeIds) throws OutboxException {
        checkOpen();
        if (max <= 0) return List.of();
        Set<Long> skip = new HashSet<>(settling);
        if (excludeIds != null) skip.addAll(excludeIds);
        synchronized (reader) {
            try {
                return OutboxRows.next(reader, max, skip, max + skip.size());
            } catch (SQLException e) {
                throw SqliteErrors.map("cannot read outbox", e);
            }
        }
    }

    @Override
    public void acknowledge(long id) throws OutboxException {
        settle(id, c -> {
            long size = OutboxRows.sizeOf(c, id);
            if (size < 0) return; // dropped or already acknowledged
            OutboxRows.delete(c, id);
            counters.removed(size);
        }, "acknowledge");
    }

    @Override
    public void quarantine(long id, String reason) throws OutboxException {
        String why = reason == null || reason.isBlank() ? "unspecified" : reason;
        String bounded = why.length() > MAX_REASON_CHARS ? why.substring(0, MAX_REASON_CHARS) : why;
        long now = clock.wallMs();
        settle(id, c -> {
            long size = OutboxRows.sizeOf(c, id);
            if (size < 0) return;
            OutboxRows.moveToQuarantine(c, id, now, bounded);
            counters.quarantinedOne(size);
        }, "quarantine");
    }

    @Override
    public void attemptFailed(long id) throws OutboxException {
        writer.submit(c -> OutboxRows.countAttempt(c, id), false).whenComplete((v, e) -> {
            if (e != null) LOG.warn("could not count a failed attempt of outbox message {}: {}", id, e.toString());
        });
    }

    @Override
    public OutboxStats stats() throws OutboxException {
        checkOpen();
        OutboxStats committed = counters.committed();
        if (committed.pending() == 0) return committed;
        // read here, not kept by the writer: a heartbeat a minute asks, while every commit would pay for it
        synchronized (reader) {
            try {
                return committed.withOldestPendingWallMs(OutboxRows.oldestEnqueuedWallMs(reader));
            } catch (SQLException e) {
                throw SqliteErrors.map("cannot read outbox", e);
            }
        }
    }

    @Override
    public void onAppend(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeAppendListener(Runnable listener) {
        listeners.remove(listener);
    }

    /** Waits until every operation queued so far is committed. */
    public void flush() throws OutboxException {
        await(writer.submit(c -> { }, true));
    }

    /** Transactions committed since open: tells how well appends were grouped. */
    public long commits() {
        return writer.commits();
    }

    /** Whether pending bytes exceed the bound because only alarms and events are left. */
    public boolean overBound() {
        return counters.overBound;
    }

    /** Caps the file at {@code pages} database pages, as a full disk would (tests of the FULL path). */
    void limitPages(long pages) throws OutboxException {
        await(writer.submit(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA max_page_count = " + pages);
            }
        }, true));
    }

    /**
     * Reads a pragma on both of this outbox's own connections (writer first, then reader): durability
     * settings such as {@code synchronous} are per connection, so only these tell what the outbox really uses.
     */
    List<String> pragma(String name) throws OutboxException {
        String[] writerValue = new String[1];
        await(writer.submit(c -> writerValue[0] = pragmaOf(c, name), true));
        synchronized (reader) {
            try {
                return List.of(writerValue[0], pragmaOf(reader, name));
            } catch (SQLException e) {
                throw SqliteErrors.map("cannot read pragma " + name, e);
            }
        }
    }

    private static String pragmaOf(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Writes what is queued, then closes the file. Later calls fail with {@link OutboxException.Code#CLOSED}. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        writer.close();
        synchronized (reader) {
            closeQuietly(reader);
        }
        closeQuietly(writerConnection);
    }

    // ---- internals ----

    private void settle(long id, GroupCommitWriter.Op op, String what) throws OutboxException {
        settling.add(id);
        CompletableFuture<Void> done;
        try {
            done = writer.submit(op, false);
        } catch (OutboxException e) {
            settling.remove(id);
            throw e;
        }
        done.whenComplete((v, e) -> {
            settling.remove(id);
            if (e != null) LOG.warn("could not {} outbox message {} (it will be sent again): {}", what, id, e.toString());
        });
    }

    private long insert(Connection c, OutboundMessage m, long wallMs) throws SQLException {
        long id = OutboxRows.insert(c, m, wallMs);
        counters.added(m.payload().length);
        return id;
    }

    private static void validate(OutboundMessage m) {
        Objects.requireNonNull(m, "message");
        if (m.priority() == null) throw new IllegalArgumentException("outbound message needs a priority");
        if (m.kind() == null || m.kind().isBlank()) throw new IllegalArgumentException("outbound message needs a kind");
        if (m.payload() == null) throw new IllegalArgumentException("outbound message needs a payload");
    }

    static Priority priorityOf(int rank) {
        for (Priority p : Priority.values()) {
            if (p.rank() == rank) return p;
        }
        throw new IllegalStateException("unknown priority rank " + rank + " in outbox");
    }

    private void checkOpen() throws OutboxException {
        if (closed) throw new OutboxException(OutboxException.Code.CLOSED, "outbox is closed", null);
    }

    private static void await(CompletableFuture<Void> done) throws OutboxException {
        try {
            done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OutboxException oe) throw oe;
            throw new OutboxException(OutboxException.Code.IO, "outbox write failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxException(OutboxException.Code.IO,
                    "interrupted while waiting for the outbox commit (the write may still commit)", e);
        }
    }

    private void notifyListeners() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.warn("outbox append listener failed", e);
            }
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing outbox connection failed", e);
        }
    }
}
