package io.onegrid.hub.store;

import io.onegrid.hub.store.WebhookStore.Attempt;
import io.onegrid.hub.store.WebhookStore.Delivery;
import io.onegrid.hub.store.WebhookStore.DeliveryState;
import io.onegrid.hub.store.WebhookStore.NewDelivery;
import io.onegrid.hub.store.WebhookStore.NewSubscription;
import io.onegrid.hub.store.WebhookStore.Subscription;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL of {@link WebhookStore}: tables {@code webhooks}, {@code webhook_deliveries}, {@code webhook_cursor} (V9). */
final class WebhookSql {
    private static final String HOOK_COLUMNS = "id, url, node, case_types, enabled, created_at, created_by, "
            + "since_event_id, secret, last_attempt_at, last_state, last_http_status";
    private static final String DELIVERY_COLUMNS = "id, webhook_id, event_id, case_id, change, payload, state, "
            + "attempts, http_status, error, created_at, last_attempt_at, next_attempt_at";
    private static final int MAX_ERROR = 500;

    private WebhookSql() { }

    static Subscription create(Connection c, Json json, NewSubscription s, long now) throws SQLException {
        long since;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) FROM hub_events")) {
            rs.next();
            since = rs.getLong(1);
        }
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhooks (url, node, case_types, secret, enabled, "
                + "created_at, created_by, since_event_id) VALUES (?, ?, ?, ?, TRUE, ?, ?, ?) RETURNING id")) {
            Sql.bind(ps, s.url(), s.node(), json.strings(s.caseTypes()), s.sealedSecret(), now, s.createdBy(), since);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        // the host only: a receiver's URL may carry a token in its query
        UserSql.appendAudit(c, now, s.createdBy(), "create webhook", "webhook:" + id, "host " + host(s.url())
                + ", node " + s.node() + ", case types " + (s.caseTypes().isEmpty() ? "all" : s.caseTypes()));
        return one(c, json, id).orElseThrow();
    }

    static String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }

    static Optional<Subscription> one(Connection c, Json json, long id) throws SQLException {
        List<Subscription> l = hooks(c, json, " WHERE id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    static List<Subscription> hooks(Connection c, Json json, String where, Object... args) throws SQLException {
        List<Subscription> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + HOOK_COLUMNS + " FROM webhooks" + where)) {
            Sql.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String last = rs.getString(11);
                    Integer status = rs.getObject(12) == null ? null : rs.getInt(12);
                    out.add(new Subscription(rs.getLong(1), rs.getString(2), rs.getString(3),
                            json.readStrings(rs.getString(4)), rs.getBoolean(5), Instant.ofEpochMilli(rs.getLong(6)),
                            rs.getString(7), rs.getLong(8), rs.getString(9), Sql.instant(rs, 10),
                            last == null ? null : DeliveryState.valueOf(last), status));
                }
            }
        }
        return out;
    }

    static boolean setEnabled(Connection c, long id, boolean enabled, String user, long now) throws SQLException {
        if (Sql.update(c, "UPDATE webhooks SET enabled = ? WHERE id = ?", enabled, id) == 0) return false;
        UserSql.appendAudit(c, now, user, enabled ? "resume webhook" : "pause webhook", "webhook:" + id, null);
        return true;
    }

    static boolean delete(Connection c, Json json, long id, String user, long now) throws SQLException {
        Optional<String> url = hooks(c, json, " WHERE id = ?", id).stream().map(Subscription::url).findFirst();
        if (url.isEmpty()) return false;
        // explicit, not only ON DELETE CASCADE: the cascade needs SQLite's foreign keys on, which a tool may not set
        Sql.update(c, "DELETE FROM webhook_deliveries WHERE webhook_id = ?", id);
        Sql.update(c, "DELETE FROM webhooks WHERE id = ?", id);
        UserSql.appendAudit(c, now, user, "delete webhook", "webhook:" + id, "host " + host(url.get()));
        return true;
    }

    static List<Delivery> recent(Connection c, long webhookId, int limit) throws SQLException {
        return deliveries(c, " WHERE webhook_id = ? ORDER BY id DESC LIMIT ?", webhookId, limit);
    }

    static long cursor(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT last_event_id FROM webhook_cursor WHERE id = 1")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    static int enqueue(Connection c, List<NewDelivery> ds, long cursor, long now) throws SQLException {
        int created = 0;
        if (!ds.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_deliveries (webhook_id, event_id, case_id, "
                    + "change, payload, state, attempts, created_at, next_attempt_at) "
                    + "SELECT ?, ?, ?, ?, ?, 'PENDING', 0, ?, ? WHERE EXISTS (SELECT 1 FROM webhooks WHERE id = ?) "
                    + "ON CONFLICT (webhook_id, event_id) DO NOTHING")) {
                for (NewDelivery d : ds) {
                    // a subscription deleted since the worker read it gets nothing (its foreign key would refuse it)
                    Sql.bind(ps, d.webhookId(), d.eventId(), d.caseId(), Sql.clip(d.change(), 64), d.payloadJson(), now,
                            now, d.webhookId());
                    created += ps.executeUpdate();
                }
            }
        }
        Sql.update(c, "UPDATE webhook_cursor SET last_event_id = ? WHERE id = 1 AND last_event_id < ?", cursor, cursor);
        return created;
    }

    static List<Delivery> due(Connection c, Map<Long, Integer> limits, long now) throws SQLException {
        List<Delivery> out = new ArrayList<>();
        // one small query per subscription, so a dead receiver's backlog cannot crowd the others out of a shared LIMIT
        for (Map.Entry<Long, Integer> e : limits.entrySet()) {
            if (e.getValue() <= 0) continue;
            out.addAll(deliveries(c, " WHERE webhook_id = ? AND next_attempt_at IS NOT NULL AND next_attempt_at <= ? "
                    + "ORDER BY id LIMIT ?", e.getKey(), now, e.getValue()));
        }
        return out;
    }

    static List<Delivery> claim(Connection c, List<Delivery> due, long leaseUntil) throws SQLException {
        List<Delivery> got = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_deliveries SET next_attempt_at = ? "
                + "WHERE id = ? AND next_attempt_at = ?")) {
            for (Delivery d : due) {
                if (d.nextAttemptAt() == null) continue;
                Sql.bind(ps, leaseUntil, d.id(), d.nextAttemptAt().toEpochMilli());
                if (ps.executeUpdate() == 1) got.add(d);
            }
        }
        return got;
    }

    static Void record(Connection c, List<Attempt> attempts) throws SQLException {
        try (PreparedStatement d = c.prepareStatement("UPDATE webhook_deliveries SET state = ?, attempts = ?, "
                + "http_status = ?, error = ?, last_attempt_at = ?, next_attempt_at = ? WHERE id = ?");
             PreparedStatement h = c.prepareStatement("UPDATE webhooks SET last_attempt_at = ?, last_state = ?, "
                     + "last_http_status = ? WHERE id = ? AND (last_attempt_at IS NULL OR last_attempt_at <= ?)")) {
            for (Attempt a : attempts) {
                long at = a.at().toEpochMilli();
                Sql.bind(d, a.state().name(), a.attempts(), a.httpStatus(), Sql.clip(a.error(), MAX_ERROR), at,
                        a.nextAttemptAt() == null ? null : a.nextAttemptAt().toEpochMilli(), a.deliveryId());
                d.executeUpdate();
                Sql.bind(h, at, a.state().name(), a.httpStatus(), a.webhookId(), at);
                h.executeUpdate();
            }
        }
        return null;
    }

    static Void release(Connection c, Collection<Long> ids, long at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE webhook_deliveries SET next_attempt_at = ? "
                + "WHERE id = ? AND next_attempt_at IS NOT NULL")) {
            for (long id : ids) {
                Sql.bind(ps, at, id);
                ps.executeUpdate();
            }
        }
        return null;
    }

    static int prune(Connection c, long before, int maxRows) throws SQLException {
        // oldest first by id (ids grow with created_at); open deliveries are never pruned, they end within the retry span
        return Sql.update(c, "DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries "
                + "WHERE created_at < ? AND next_attempt_at IS NULL ORDER BY id LIMIT ?)", before, maxRows);
    }

    private static List<Delivery> deliveries(Connection c, String where, Object... args) throws SQLException {
        List<Delivery> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries" + where)) {
            Sql.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Delivery(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                            rs.getString(6), DeliveryState.valueOf(rs.getString(7)), rs.getInt(8),
                            rs.getObject(9) == null ? null : rs.getInt(9), rs.getString(10),
                            Instant.ofEpochMilli(rs.getLong(11)), Sql.instant(rs, 12), Sql.instant(rs, 13)));
                }
            }
        }
        return out;
    }
}
