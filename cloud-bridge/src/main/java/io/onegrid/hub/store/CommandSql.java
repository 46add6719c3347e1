package io.onegrid.hub.store;

import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of {@link CommandStore}: table {@code gateway_commands} (migration V6) and the audit lines of commands. */
final class CommandSql {
    private static final String COLUMNS = "id, gateway_id, command, args, sent_by, created_at, expires_at, state, "
            + "delivered_at, replied_at, error_code, reply";

    private CommandSql() { }

    static Void create(Connection c, SqlDialect dialect, CommandRecord r, int maxPending) throws SQLException {
        String lock = dialect.transactionLock();
        if (lock != null) {
            // hub nodes writing concurrently (PostgreSQL) must not both pass the bound for one gateway
            try (PreparedStatement ps = c.prepareStatement(lock)) {
                ps.setLong(1, ("gateway commands\0" + r.gatewayId()).hashCode());
                ps.execute();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM gateway_commands WHERE gateway_id = ? "
                + "AND state = 'PENDING' AND expires_at > ?")) {
            Sql.bind(ps, r.gatewayId(), r.createdAt().toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) >= maxPending) {
                    throw new HubException(HubError.CONFLICT, "gateway " + r.gatewayId() + " already has " + maxPending
                            + " commands waiting to be delivered; send more when it has taken them or they expired");
                }
            }
        }
        Sql.update(c, "INSERT INTO gateway_commands (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, "
                + "NULL)", r.id(), r.gatewayId(), r.command(), r.argsJson(), r.sentBy(), r.createdAt().toEpochMilli(),
                r.expiresAt().toEpochMilli(), r.state().name());
        UserSql.appendAudit(c, r.createdAt().toEpochMilli(), r.sentBy(), "send command", "gateway:" + r.gatewayId(),
                r.command() + " " + r.argsJson() + " (command " + r.id() + ", expires " + r.expiresAt() + ")");
        return null;
    }

    static Optional<CommandRecord> one(Connection c, String id) throws SQLException {
        List<CommandRecord> l = query(c, " WHERE id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    static List<CommandRecord> recent(Connection c, String gatewayId, int limit) throws SQLException {
        return query(c, " WHERE gateway_id = ? ORDER BY seq DESC LIMIT ?", gatewayId, limit);
    }

    static List<CommandRecord> pending(Connection c, String gatewayId, long now) throws SQLException {
        return query(c, " WHERE gateway_id = ? AND state = 'PENDING' AND expires_at > ? ORDER BY seq", gatewayId, now);
    }

    static boolean delivered(Connection c, String id, long at) throws SQLException {
        return Sql.update(c, "UPDATE gateway_commands SET state = 'DELIVERED', delivered_at = ? WHERE id = ? "
                + "AND state = 'PENDING'", at, id) == 1;
    }

    static Optional<CommandRecord> replied(Connection c, String gatewayId, String id, CommandState state, String errorCode,
                                           String replyJson, long at) throws SQLException {
        // EXPIRED without a reply may still get one; a command answered once keeps its first answer
        int n = Sql.update(c, "UPDATE gateway_commands SET state = ?, replied_at = ?, error_code = ?, reply = ?, "
                + "delivered_at = COALESCE(delivered_at, ?) WHERE id = ? AND gateway_id = ? AND replied_at IS NULL",
                state.name(), at, Sql.clip(errorCode, 64), replyJson, at, id, gatewayId);
        if (n == 0) return Optional.empty();
        UserSql.appendAudit(c, at, Sql.clip("gateway:" + gatewayId, 64), "command reply", "command:" + id,
                state.wireName() + (errorCode == null ? "" : " " + errorCode));
        return one(c, id);
    }

    static int expire(Connection c, long now) throws SQLException {
        return Sql.update(c, "UPDATE gateway_commands SET state = 'EXPIRED' WHERE state IN ('PENDING', 'DELIVERED') "
                + "AND expires_at <= ?", now);
    }

    private static List<CommandRecord> query(Connection c, String where, Object... args) throws SQLException {
        List<CommandRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM gateway_commands" + where)) {
            Sql.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CommandRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)),
                            CommandState.valueOf(rs.getString(8)), Sql.instant(rs, 9), Sql.instant(rs, 10),
                            rs.getString(11), rs.getString(12)));
                }
            }
        }
        return out;
    }
}
