package io.onegrid.outbox;

import io.onegrid.api.OutboxException;
import io.onegrid.api.Priority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The quarantine of an outbox file, for an operator: list, replay (back into the outbox) and drop, working
 * on the file directly, also while a gateway has it open. WAL lets this connection read beside the gateway's;
 * each change is one {@code BEGIN IMMEDIATE} transaction, which waits (busy timeout) for the gateway's writer
 * and is all or nothing; the tables and their schema check are those of {@link OutboxDatabase}, so a file of a
 * newer schema is refused here too. The running gateway notices the change ({@code PRAGMA data_version}, see
 * {@link OutboxBounds}), recounts, and its uplink sends what was replayed.
 * <p>
 * A replayed message goes back under its old id, so it takes its original place (priority, then id) and is
 * sent before anything younger of its priority; its attempts start again at 0. Its payload is unchanged: the
 * hub de-duplicates it on (gateway, boot, seq) if it had stored it after all.
 */
public final class QuarantineFile implements AutoCloseable {
    /** One quarantined message, without its payload. */
    public record Entry(long id, Priority priority, String kind, long bytes, int attempts, long enqueuedWallMs,
                        long quarantinedWallMs, String reason) { }

    /** What a replay or drop did: the ids it moved or deleted, or, when some were not quarantined, nothing. */
    public record Outcome(List<Long> done, List<Long> unknown) {
        public Outcome {
            done = List.copyOf(done);
            unknown = List.copyOf(unknown);
        }
    }

    private final Connection connection;

    private QuarantineFile(Connection connection) {
        this.connection = connection;
    }

    /** Opens an existing outbox file; a missing file is an error here (the command line must not make one). */
    public static QuarantineFile open(Path path) throws OutboxException {
        if (!Files.isRegularFile(path)) {
            throw new OutboxException(OutboxException.Code.IO, "no outbox file at " + path.toAbsolutePath(), null);
        }
        return new QuarantineFile(OutboxDatabase.open(path, true));
    }

    /** Every quarantined message, oldest (lowest id) first. */
    public List<Entry> list() throws OutboxException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT id, priority, kind, length(payload), attempts,"
                + " enqueued_wall_ms, quarantined_wall_ms, reason FROM quarantine ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            List<Entry> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Entry(rs.getLong(1), SqliteOutbox.priorityOf(rs.getInt(2)), rs.getString(3), rs.getLong(4),
                        rs.getInt(5), rs.getLong(6), rs.getLong(7), rs.getString(8)));
            }
            return out;
        } catch (SQLException e) {
            throw SqliteErrors.map("cannot read the quarantine", e);
        }
    }

    /** Moves these quarantined messages back into the outbox (all, or none if one is not quarantined). */
    public Outcome replay(Collection<Long> ids) throws OutboxException {
        return change(ids, "replay", (c, id) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (id, priority, kind, payload, size,"
                    + " attempts, enqueued_wall_ms) SELECT id, priority, kind, payload, length(payload), 0,"
                    + " enqueued_wall_ms FROM quarantine WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            deleteQuarantined(c, id);
        });
    }

    /** Deletes these quarantined messages for good (all, or none if one is not quarantined). */
    public Outcome drop(Collection<Long> ids) throws OutboxException {
        return change(ids, "drop", QuarantineFile::deleteQuarantined);
    }

    /** Replays every quarantined message. */
    public Outcome replayAll() throws OutboxException {
        return replay(list().stream().map(Entry::id).toList());
    }

    /** Drops every quarantined message. */
    public Outcome dropAll() throws OutboxException {
        return drop(list().stream().map(Entry::id).toList());
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing was pending: every change committed or rolled back before
        }
    }

    private interface RowChange {
        void apply(Connection c, long id) throws SQLException;
    }

    private Outcome change(Collection<Long> ids, String what, RowChange change) throws OutboxException {
        TreeSet<Long> wanted = new TreeSet<>(ids);
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                List<Long> unknown = new ArrayList<>();
                for (long id : wanted) {
                    if (!quarantined(connection, id)) unknown.add(id);
                }
                if (!unknown.isEmpty()) {
                    s.execute("ROLLBACK");
                    return new Outcome(List.of(), unknown);
                }
                for (long id : wanted) change.apply(connection, id);
                s.execute("COMMIT");
                return new Outcome(new ArrayList<>(wanted), List.of());
            } catch (SQLException | RuntimeException e) {
                try {
                    s.execute("ROLLBACK");
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw SqliteErrors.map("cannot " + what + " quarantined messages", e);
        }
    }

    private static boolean quarantined(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM quarantine WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void deleteQuarantined(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM quarantine WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }
}
