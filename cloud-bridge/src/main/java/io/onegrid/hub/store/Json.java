package io.onegrid.hub.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onegrid.protocol.WireReading;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** JSON columns (alarm readings, event details, webhook case types). */
final class Json {
    private final ObjectMapper mapper = new ObjectMapper();

    String readings(List<WireReading> readings) {
        ArrayNode a = mapper.createArrayNode();
        for (WireReading r : readings) {
            ObjectNode n = a.addObject();
            n.put("device", r.device());
            n.put("channel", r.channel());
            Object v = r.value();
            if (v == null) n.putNull("value");
            else if (v instanceof Double d) n.put("value", d);
            else if (v instanceof Boolean b) n.put("value", b);
            else n.put("value", v.toString());
            if (r.unit() != null) n.put("unit", r.unit());
            n.put("quality", r.quality().name().toLowerCase(Locale.ROOT));
            n.putObject("ts").put("wall", r.ts().wallMs()).put("mono", r.ts().monoMs());
        }
        return write(a);
    }

    String map(Map<String, String> detail) {
        ObjectNode n = mapper.createObjectNode();
        detail.forEach(n::put);
        return write(n);
    }

    /** A list of strings as a JSON array column (webhook case types). */
    String strings(List<String> values) {
        ArrayNode a = mapper.createArrayNode();
        values.forEach(a::add);
        return write(a);
    }

    /**
     * Reads a JSON array of strings. A damaged value fails instead of reading as empty: for case-type patterns
     * empty means every type, and a damaged subscription must not widen.
     */
    List<String> readStrings(String text) throws SQLException {
        try {
            if (!(mapper.readTree(text) instanceof ArrayNode a)) throw new SQLException("not a JSON array: " + Sql.clip(text, 80));
            List<String> out = new java.util.ArrayList<>();
            a.forEach(n -> out.add(n.asText()));
            return out;
        } catch (JsonProcessingException e) {
            throw new SQLException("not a JSON array: " + Sql.clip(text, 80), e);
        }
    }

    /** Parses a JSON object column; a damaged value reads as empty rather than failing the ingest. */
    ObjectNode object(String text) {
        try {
            return mapper.readTree(text) instanceof ObjectNode o ? o : mapper.createObjectNode();
        } catch (JsonProcessingException e) {
            return mapper.createObjectNode();
        }
    }

    private String write(Object node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
