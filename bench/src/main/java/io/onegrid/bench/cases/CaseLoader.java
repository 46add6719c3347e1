package io.onegrid.bench.cases;

import io.onegrid.bench.cases.CaseMix.BenchCase;
import io.onegrid.hub.grid.GridNode;
import io.onegrid.hub.grid.NodeKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes the generated cases straight into a schema the store has just migrated, bypassing the store: filing a
 * million cases one by one through the case engine would take hours, and the bench measures reads, not
 * filing. Each case gets its alarm and the case_alarms link the list counts, and every building its gateway
 * and four devices (the KPIs count devices). Timelines and notifications are not loaded: no measured query
 * reads them. SQLite gets batched prepared inserts, PostgreSQL gets COPY, the fastest path each has.
 */
final class CaseLoader {
    private static final List<String> CASE_COLUMNS = List.of("id", "type", "severity", "stage", "site", "unit", "area",
            "grid_node", "scope_path", "unplaced", "owner_tier", "escalation_level", "assignee_team", "version",
            "confirmed", "source_count", "opened_at", "updated_at", "last_alarm_at", "dispatched_at", "accepted_at",
            "started_at", "resolved_at", "verified_at", "closed_at", "dispatch_due", "accept_due", "resolve_due",
            "breaches", "rework_count", "outcome", "false_alarm_reason");
    private static final List<String> ALARM_COLUMNS = List.of("id", "gateway_id", "alarm_id", "device_id", "rule_id",
            "severity", "case_type", "site", "unit", "area", "message", "boot_id", "raised_wall", "raised_mono",
            "received_at", "cleared_at", "readings", "raised_at", "raised_corrected");
    private static final List<String> LINK_COLUMNS = List.of("case_id", "alarm_ref", "joined_at", "reason");
    private static final List<String> GATEWAY_COLUMNS = List.of("id", "secret_hash", "online", "last_seen", "boot_id",
            "registered_at", "scope_path", "state_since");
    private static final List<String> DEVICE_COLUMNS = List.of("gateway_id", "id", "profile", "site", "area", "online",
            "declared_at", "scope_path", "state_since");

    /** Receives the rows of one table. */
    private interface Rows extends AutoCloseable {
        void add(Object... values) throws SQLException, IOException;

        @Override
        void close() throws SQLException, IOException;
    }

    private final Connection c;
    private final boolean postgres;

    CaseLoader(Connection c, boolean postgres) throws SQLException {
        this.c = c;
        this.postgres = postgres;
        c.setAutoCommit(false);
    }

    void load(BenchGrid g, List<BenchCase> cases, long nowMs) throws SQLException, IOException {
        try (Rows gw = rows("gateways", GATEWAY_COLUMNS)) {
            for (GridNode n : g.grid.nodes()) {
                if (n.kind() != NodeKind.SITE) continue;
                gw.add("gw-" + n.id(), "not-a-login", true, nowMs, "boot-1", nowMs - CaseMix.SPAN.toMillis(), g.path(n.id()),
                        nowMs - 86_400_000L);
            }
        }
        c.commit();
        try (Rows dev = rows("devices", DEVICE_COLUMNS)) {
            int i = 0;
            for (GridNode n : g.grid.nodes()) {
                if (n.kind() != NodeKind.SITE) continue;
                boolean pumpRoom = g.grid.node(n.id() + "/pump-room").isPresent();
                for (String d : CaseMix.DEVICES) {
                    String area = d.equals("hydrant-1") && pumpRoom ? "pump-room" : null;
                    String path = area == null ? g.path(n.id()) : g.path(n.id() + "/" + area);
                    dev.add("gw-" + n.id(), d, d.replaceAll("-1$", "") + "-modbus", n.id(), area, i++ % 33 != 0, nowMs,
                            path, nowMs - 3_600_000L);
                }
            }
        }
        c.commit();
        try (Rows rows = rows("cases", CASE_COLUMNS)) {
            for (BenchCase k : cases) {
                rows.add(k.id(), k.type(), k.severity(), k.stage(), k.site(), k.unit(), k.area(), k.gridNode(),
                        k.scopePath(), k.unplaced(), k.ownerTier(), k.escalationLevel(), k.assigneeTeam(), k.version(),
                        false, 1, k.openedAt(), k.updatedAt(), k.openedAt(), k.dispatchedAt(), k.acceptedAt(),
                        k.startedAt(), k.resolvedAt(), k.verifiedAt(), k.closedAt(), k.dispatchDue(), k.acceptDue(),
                        k.resolveDue(), k.breaches(), k.reworkCount(), k.outcome(), k.falseAlarmReason());
            }
        }
        c.commit();
        try (Rows rows = rows("alarms", ALARM_COLUMNS)) {
            for (BenchCase k : cases) {
                Long cleared = k.resolvedAt() != null ? k.resolvedAt() : k.closedAt();
                rows.add(k.id(), k.gatewayId(), "a-" + k.id(), k.deviceId(), k.ruleId(), k.severity(), k.type(), k.site(),
                        k.unit(), k.area(), k.type() + " at " + k.site(), "boot-1", k.openedAt(), 1000L, k.openedAt(),
                        cleared, "[]", k.openedAt(), false);
            }
        }
        c.commit();
        try (Rows rows = rows("case_alarms", LINK_COLUMNS)) {
            for (BenchCase k : cases) rows.add(k.id(), k.id(), k.openedAt(), "NEW");
        }
        c.commit();
        finish();
    }

    /** What the database would have done by itself before anyone queries a table that grew this much. */
    private void finish() throws SQLException {
        try (Statement st = c.createStatement()) {
            if (postgres) {
                // ids were given explicitly: move the identity sequences past them, as filing would have
                st.execute("SELECT setval(pg_get_serial_sequence('cases', 'id'), (SELECT MAX(id) FROM cases))");
                st.execute("SELECT setval(pg_get_serial_sequence('alarms', 'id'), (SELECT MAX(id) FROM alarms))");
                c.commit();
                // autovacuum would analyse (planner statistics) and vacuum (visibility map, for index-only
                // scans) a table after this many inserts; do it now rather than wait for its schedule
                c.setAutoCommit(true);
                st.execute("VACUUM ANALYZE");
                c.setAutoCommit(false);
            } else {
                // the hub never runs ANALYZE on SQLite, so the planner has no statistics: leave it that way
                c.commit();
                c.setAutoCommit(true);
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                c.setAutoCommit(false);
            }
        }
    }

    private Rows rows(String table, List<String> columns) throws SQLException {
        String cols = String.join(", ", columns);
        if (postgres) return new CopyRows(c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + cols + ") FROM STDIN WITH (FORMAT csv)"));
        return new BatchRows(c.prepareStatement("INSERT INTO " + table + " (" + cols + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")"));
    }

    /** SQLite: prepared inserts in batches; the caller commits per table (one big transaction is the fast way). */
    private static final class BatchRows implements Rows {
        private final PreparedStatement ps;
        private int pending;

        BatchRows(PreparedStatement ps) {
            this.ps = ps;
        }

        @Override
        public void add(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) ps.setObject(i + 1, values[i]);
            ps.addBatch();
            if (++pending == 10_000) {
                ps.executeBatch();
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            if (pending > 0) ps.executeBatch();
            ps.close();
        }
    }

    /** PostgreSQL: one COPY … FROM STDIN (CSV) per table, fed in 1 MiB chunks. */
    private static final class CopyRows implements Rows {
        private final CopyIn copy;
        private final StringBuilder buf = new StringBuilder(1 << 21);

        CopyRows(CopyIn copy) {
            this.copy = copy;
        }

        @Override
        public void add(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) buf.append(',');
                Object v = values[i];
                if (v instanceof String s) buf.append('"').append(s.replace("\"", "\"\"")).append('"');
                else if (v != null) buf.append(v); // numbers and booleans (true/false) as PostgreSQL reads them
            }
            buf.append('\n');
            if (buf.length() >= 1 << 20) flush();
        }

        private void flush() throws SQLException {
            byte[] b = buf.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(b, 0, b.length);
            buf.setLength(0);
        }

        @Override
        public void close() throws SQLException {
            flush();
            copy.endCopy();
        }
    }
}
