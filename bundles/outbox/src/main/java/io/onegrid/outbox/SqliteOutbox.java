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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
 *       table; it is never offered again.</li>
 *   </ul></li>
 * </ol>
 * {@link #acknowledge}, {@link #attemptFailed} and {@link #quarantine} are queued into the next group commit
 * and return at once: losing one in a crash only means the message is sent again, which the hub
 * de-duplicates on (gateway, boot, seq). Until their commit, acknowledged and quarantined ids are already
 * hidden from {@link #nextBatch}.
 *
 * <h2>Order and bound</h2>
 * {@link #nextBatch} returns alarms, then events, then telemetry, oldest (lowest id) first within a
 * priority. The sum of pending payload bytes is bounded by {@code maxBytes}: a transaction that ends above
 * it deletes the oldest telemetry until it fits and adds the count to the persisted {@code droppedTelemetry}.
 * Alarms and events are never dropped; if only they remain, the bound is exceeded and a warning logged.
 * A full disk ({@code SQLITE_FULL}) fails the append with {@link OutboxException.Code#FULL} and leaves every
 * committed row in place.
 */
public final class SqliteOutbox implements Outbox, AlarmStateStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteOutbox.class);
    private static final int MAX_REASON_CHARS = 1000;

    private final OutboxSettings initial;
    private final GatewayClock clock;
    private final Connection writerConnection;
    private final Connection reader;
    private final GroupCommitWriter writer;
    private final Counters counters;
    private final Set<Long> settling = ConcurrentHashMap.newKeySet();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile long maxBytes;
    private volatile boolean closed;

    private SqliteOutbox(OutboxSettings settings, GatewayClock clock, Connection writerConnection, Connection reader,
                         Counters counters) {
        this.initial = settings;
        this.clock = clock;
        this.writerConnection = writerConnection;
        this.reader = reader;
        this.counters = counters;
        this.maxBytes = settings.maxBytes();
        this.writer = new GroupCommitWriter(writerConnection, new BoundHooks(), settings.commitIntervalMs(),
                settings.maxBatch(), "onegrid-outbox-writer");
    }

    /** Opens (creating if needed) the outbox file. */
    public static SqliteOutbox open(OutboxSettings settings, GatewayClock clock) throws OutboxException {
        Connection w = OutboxDatabase.open(settings.path(), true);
        try {
            Connection r = OutboxDatabase.open(settings.path(), false);
            return new SqliteOutbox(settings, clock, w, r, Counters.load(w));
        } catch (OutboxException | RuntimeException e) {
            closeQuietly(w);
            throw e;
        } catch (SQLException e) {
            closeQuietly(w);
            throw SqliteErrors.map("cannot read outbox " + settings.path(), e);
        }
    }

    public OutboxSettings settings() {
        return new OutboxSettings(initial.path(), maxBytes, initial.commitIntervalMs(), initial.maxBatch());
    }

    /** Applies a new byte bound and commit window live; the bound is enforced at the next commit. */
    public void reconfigure(long newMaxBytes, long newCommitIntervalMs) {
        OutboxSettings checked = initial.withMaxBytes(newMaxBytes).withCommitIntervalMs(newCommitIntervalMs);
        this.maxBytes = checked.maxBytes();
        writer.setCommitIntervalMs(checked.commitIntervalMs());
    }

    @Override
    public long append(OutboundMessage message) throws OutboxException {
        validate(message);
        long[] id = new long[1];
        await(writer.submit(c -> id[0] = insert(c, message), message.priority() == Priority.ALARM));
        notifyListeners();
        return id[0];
    }

    @Override
    public void record(AlarmTransition transition, OutboundMessage message) throws OutboxException {
        Objects.requireNonNull(transition, "transition");
        validate(message);
        await(writer.submit(c -> {
            if (transition.raised()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO active_alarms"
                        + " (alarm_id, device_id, rule_id, raised_wall_ms, raised_mono_ms, severity) VALUES (?,?,?,?,?,?)")) {
                    ps.setString(1, transition.alarmId());
                    ps.setString(2, transition.deviceId());
                    ps.setString(3, transition.ruleId());
                    ps.setLong(4, transition.raisedWallMs());
                    ps.setLong(5, transition.raisedMonoMs());
                    ps.setString(6, Objects.requireNonNullElse(transition.severity(), ""));
                    ps.executeUpdate();
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM active_alarms WHERE alarm_id = ?")) {
                    ps.setString(1, transition.alarmId());
                    ps.executeUpdate();
                }
            }
            insert(c, message);
        }, true));
        notifyListeners();
    }

    @Override
    public List<ActiveAlarm> active() throws OutboxException {
        checkOpen();
        synchronized (reader) {
            try (PreparedStatement ps = reader.prepareStatement("SELECT alarm_id, device_id, rule_id, raised_wall_ms,"
                    + " raised_mono_ms, severity FROM active_alarms ORDER BY raised_wall_ms, alarm_id");
                 ResultSet rs = ps.executeQuery()) {
                List<ActiveAlarm> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new ActiveAlarm(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getLong(5), rs.getString(6)));
                }
                return out;
            } catch (SQLException e) {
                throw SqliteErrors.map("cannot read active alarms", e);
            }
        }
    }

    @Override
    public List<StoredMessage> nextBatch(int max, Set<Long> excludeIds) throws OutboxException {
        checkOpen();
        if (max <= 0) return List.of();
        Set<Long> exclude = excludeIds == null ? Set.of() : excludeIds;
        int limit = max + exclude.size() + settling.size();
        List<StoredMessage> out = new ArrayList<>(Math.min(max, 256));
        synchronized (reader) {
            try (PreparedStatement ps = reader.prepareStatement("SELECT id, priority, kind, payload, attempts,"
                    + " enqueued_wall_ms FROM outbox ORDER BY priority, id LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && out.size() < max) {
                        long id = rs.getLong(1);
                        if (exclude.contains(id) || settling.contains(id)) continue;
                        out.add(new StoredMessage(id, priorityOf(rs.getInt(2)), rs.getString(3), rs.getBytes(4),
                                rs.getInt(5), rs.getLong(6)));
                    }
                }
            } catch (SQLException e) {
                throw SqliteErrors.map("cannot read outbox", e);
            }
        }
        return out;
    }

    @Override
    public void acknowledge(long id) throws OutboxException {
        settle(id, c -> {
            long size = sizeOf(c, id);
            if (size < 0) return; // dropped or already acknowledged
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            counters.removed(size);
        }, "acknowledge");
    }

    @Override
    public void quarantine(long id, String reason) throws OutboxException {
        String why = reason == null || reason.isBlank() ? "unspecified" : reason;
        String bounded = why.length() > MAX_REASON_CHARS ? why.substring(0, MAX_REASON_CHARS) : why;
        long now = clock.wallMs();
        settle(id, c -> {
            long size = sizeOf(c, id);
            if (size < 0) return;
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO quarantine (id, priority, kind, payload,"
                    + " attempts, enqueued_wall_ms, quarantined_wall_ms, reason) SELECT id, priority, kind, payload,"
                    + " attempts, enqueued_wall_ms, ?, ? FROM outbox WHERE id = ?")) {
                ps.setLong(1, now);
                ps.setString(2, bounded);
                ps.setLong(3, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            counters.removed(size);
            counters.quarantined++;
        }, "quarantine");
    }

    @Override
    public void attemptFailed(long id) throws OutboxException {
        writer.submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET attempts = attempts + 1 WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
        }, false).whenComplete((v, e) -> {
            if (e != null) LOG.warn("could not count a failed attempt of outbox message {}: {}", id, e.toString());
        });
    }

    @Override
    public OutboxStats stats() throws OutboxException {
        checkOpen();
        return counters.committed();
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
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("PRAGMA max_page_count = " + pages);
            }
        }, true));
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

    private long insert(Connection c, OutboundMessage m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (priority, kind, payload, size, enqueued_wall_ms)"
                + " VALUES (?,?,?,?,?)")) {
            ps.setInt(1, m.priority().rank());
            ps.setString(2, m.kind());
            ps.setBytes(3, m.payload());
            ps.setLong(4, m.payload().length);
            ps.setLong(5, clock.wallMs());
            ps.executeUpdate();
        }
        long id;
        try (PreparedStatement ps = c.prepareStatement("SELECT last_insert_rowid()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
        }
        counters.added(m.payload().length);
        return id;
    }

    private static long sizeOf(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT size FROM outbox WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
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
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing outbox connection failed", e);
        }
    }

    /** Enforces the byte bound inside each transaction and publishes the counters after its commit. */
    private final class BoundHooks implements GroupCommitWriter.Hooks {
        @Override
        public void beforeCommit(Connection c) throws SQLException {
            long excess = counters.bytes - maxBytes;
            if (excess > 0) {
                TelemetryDropper.Result r = TelemetryDropper.dropOldest(c, excess);
                if (r.count() > 0) {
                    counters.pending -= r.count();
                    counters.bytes -= r.bytes();
                    counters.dropped += r.count();
                }
            }
        }

        @Override
        public void committed() {
            boolean over = counters.bytes > maxBytes;
            if (over && !counters.overBound) {
                LOG.warn("outbox holds {} bytes of alarms and events, above its bound of {} bytes: they are kept, never dropped",
                        counters.bytes, maxBytes);
            } else if (!over && counters.overBound) {
                LOG.info("outbox is back within its bound of {} bytes", maxBytes);
            }
            counters.overBound = over;
            counters.publish();
        }

        @Override
        public void rolledBack() {
            counters.restore();
        }
    }
}
