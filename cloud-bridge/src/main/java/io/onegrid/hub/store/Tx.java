package io.onegrid.hub.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One write transaction: its connection, its hub time, and the live events it appends. The events are rows of
 * {@code hub_events} in the same transaction (so a resumed stream finds them) and are handed to listeners only
 * after the commit (so nobody sees a change that was rolled back).
 */
final class Tx {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final Connection c;
    final long now;
    private final List<HubEvent> events = new ArrayList<>();

    Tx(Connection c, long now) {
        this.c = c;
        this.now = now;
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    void event(String kind, String scopePath, ObjectNode payload) throws SQLException {
        String json = payload.toString();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO hub_events (at, kind, scope_path, payload) VALUES (?, ?, ?, ?) RETURNING id")) {
            ps.setLong(1, now);
            ps.setString(2, kind);
            ps.setString(3, scopePath);
            ps.setString(4, json);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                events.add(new HubEvent(rs.getLong(1), now, kind, scopePath, json));
            }
        }
    }

    /** Drops the events of a savepoint that was rolled back. */
    int mark() {
        return events.size();
    }

    void rollbackTo(int mark) {
        while (events.size() > mark) events.remove(events.size() - 1);
    }

    List<HubEvent> events() {
        return List.copyOf(events);
    }
}
