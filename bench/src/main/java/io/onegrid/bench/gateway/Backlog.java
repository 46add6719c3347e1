package io.onegrid.bench.gateway;

import io.onegrid.api.GatewayClock;
import io.onegrid.api.OutboundMessage;
import io.onegrid.api.Priority;
import io.onegrid.bench.Payloads;
import io.onegrid.outbox.OutboxSettings;
import io.onegrid.outbox.SqliteOutbox;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.protocol.MessageKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.sqlite.SQLiteConfig;

/**
 * What an outage leaves in a gateway's outbox, written before the gateway starts through the outbox's own code
 * ({@link SqliteOutbox}, the file the gateway then opens): telemetry of the configuration's size and the alarms
 * raised and cleared meanwhile, spread among it (in id order, give or take the eight appending threads), so that
 * alarms with the highest ids must still leave first. The messages carry the boot id {@link Payloads#BOOT}, not the
 * gateway's, so the bench can tell them from what the gateway itself produces; their sequence numbers run 1..n, so
 * the hub de-duplicates nothing.
 */
final class Backlog {
    /** What was written: the last outbox id it holds, its payload bytes and how long writing took. */
    record Filled(int telemetry, int alarms, long lastId, long payloadBytes, double seconds) {
        int messages() {
            return telemetry + alarms;
        }
    }

    /** Appending threads: one commit (fsync) per message would make a long backlog slow to write. */
    private static final int PRODUCERS = 8;

    private Backlog() { }

    static Filled fill(Path outboxDb, String gatewayId, int telemetry, int readings, int alarms) throws Exception {
        EnvelopeCodec codec = new EnvelopeCodec();
        long t0 = System.nanoTime();
        AtomicLong lastId = new AtomicLong();
        long bytes = 0;
        int every = Math.max(1, telemetry / (alarms + 1));
        int raised = 0;
        long seq = 0;
        List<Future<?>> appends = new ArrayList<>();
        ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
        // the gateway's own settings, but no commit window: the producers here share each commit anyway
        try (SqliteOutbox outbox = SqliteOutbox.open(OutboxSettings.of(outboxDb).withCommitIntervalMs(0), GatewayClock.SYSTEM)) {
            for (int t = 1; t <= telemetry; t++) {
                byte[] p = codec.encode(Payloads.telemetry(gatewayId, ++seq, readings));
                appends.add(producers.submit(append(outbox, Priority.TELEMETRY, MessageKind.TELEMETRY, p, lastId)));
                bytes += p.length;
                if (t % every == 0 && raised < alarms) {
                    // raise, then clear, of one alarm after another, as a hydrant dipping below its threshold would
                    Body.Transition tr = raised % 2 == 0 ? Body.Transition.RAISED : Body.Transition.CLEARED;
                    byte[] a = codec.encode(Payloads.alarm(gatewayId, ++seq, "outage-alarm-" + raised / 2, tr));
                    appends.add(producers.submit(append(outbox, Priority.ALARM, MessageKind.ALARM, a, lastId)));
                    bytes += a.length;
                    raised++;
                }
            }
            for (Future<?> f : appends) f.get();
        } finally {
            producers.shutdown();
        }
        return new Filled(telemetry, raised, lastId.get(), bytes, (System.nanoTime() - t0) / 1e9);
    }

    private static Callable<Void> append(SqliteOutbox outbox, Priority priority, MessageKind kind, byte[] payload, AtomicLong lastId) {
        return () -> {
            long id = outbox.append(new OutboundMessage(priority, kind.wireName(), payload));
            lastId.accumulateAndGet(id, Math::max);
            return null;
        };
    }

    /** Rows with an id up to {@code lastId} still in the outbox of a running gateway (read-only, beside its WAL writer). */
    static long left(Path outboxDb, long lastId) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = config.createConnection("jdbc:sqlite:" + outboxDb);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM outbox WHERE id <= " + lastId)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
