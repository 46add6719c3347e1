package io.onegrid.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON encoding of {@link Envelope}s, exactly as docs/protocol.md describes. Decoding is strict and
 * defensive: size, nesting and string lengths are bounded, every field is checked, and any problem is a
 * {@link ProtocolException} whose message names the field. Thread-safe.
 */
public final class EnvelopeCodec {
    /** Largest payload the codec accepts; larger ones are {@link ProtocolError#TOO_LARGE}. */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    private final ObjectMapper mapper;

    public EnvelopeCodec() {
        this.mapper = StrictJson.mapper();
    }

    public byte[] encode(Envelope e) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("v", e.version());
        root.put("gw", e.gatewayId());
        root.put("boot", e.bootId());
        root.put("seq", e.seq());
        root.put("kind", e.kind().wireName());
        root.set("ts", ts(e.ts()));
        root.set("body", body(e.body()));
        try {
            return mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot encode envelope", ex);
        }
    }

    /** Decodes and validates a payload. {@code expectedKind} is the kind named by the topic, or null. */
    public Envelope decode(byte[] payload, MessageKind expectedKind) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new ProtocolException(ProtocolError.TOO_LARGE,
                    "payload is " + payload.length + " bytes, limit " + MAX_PAYLOAD_BYTES);
        }
        JsonNode root;
        try {
            root = mapper.readTree(payload);
        } catch (IOException ex) {
            throw new ProtocolException(ProtocolError.MALFORMED, "not valid JSON: " + firstLine(ex.getMessage()), ex);
        }
        if (root == null || !root.isObject()) {
            throw new ProtocolException(ProtocolError.MALFORMED, "payload must be a JSON object");
        }
        long v = requiredLong(root, "v");
        if (v < 1) {
            throw invalid("'v' must be a positive integer, got " + v); // never a version: a broken envelope
        }
        if (v != Envelope.VERSION) {
            // checked before the other fields: a newer version may lay them out differently
            throw new ProtocolException(ProtocolError.UNSUPPORTED_VERSION,
                    "envelope version " + v + " not supported (this side speaks " + Envelope.VERSION + ")");
        }
        MessageKind kind = MessageKind.fromWire(requiredText(root, "kind"));
        if (expectedKind != null && kind != expectedKind) {
            throw new ProtocolException(ProtocolError.INVALID_FIELD,
                    "kind '" + kind.wireName() + "' does not match topic kind '" + expectedKind.wireName() + "'");
        }
        Body body = body(kind, requiredObject(root, "body", "body"));
        return new Envelope(Envelope.VERSION, requiredText(root, "gw"), requiredText(root, "boot"), requiredLong(root, "seq"),
                ts(requiredObject(root, "ts", "ts"), "ts"), body);
    }

    // ---- encoding ----

    private static ObjectNode ts(Timestamp t) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("wall", t.wallMs());
        n.put("mono", t.monoMs());
        return n;
    }

    private static ObjectNode location(Location l) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("site", l.site());
        if (l.unit() != null) n.put("unit", l.unit());
        if (l.area() != null) n.put("area", l.area());
        if (l.residentId() != null) n.put("resident", l.residentId());
        return n;
    }

    private static ArrayNode readings(List<WireReading> rs) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (WireReading r : rs) {
            ObjectNode n = a.addObject();
            n.put("device", r.device());
            n.put("channel", r.channel());
            Object v = r.value();
            if (v == null) n.putNull("value");
            else if (v instanceof Double d) n.put("value", d);
            else if (v instanceof Boolean b) n.put("value", b);
            else n.put("value", (String) v);
            if (r.unit() != null) n.put("unit", r.unit());
            n.put("quality", r.quality().name().toLowerCase(Locale.ROOT));
            n.set("ts", ts(r.ts()));
        }
        return a;
    }

    private static ObjectNode body(Body b) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        if (b instanceof Body.Birth birth) {
            n.put("software", birth.software());
            n.set("bootedAt", ts(birth.bootedAt()));
            ArrayNode ds = n.putArray("devices");
            for (Body.DeclaredDevice d : birth.devices()) {
                ObjectNode dn = ds.addObject();
                dn.put("id", d.id());
                dn.put("profile", d.profile());
                dn.set("location", location(d.location()));
            }
        } else if (b instanceof Body.Telemetry t) {
            n.set("readings", readings(t.readings()));
        } else if (b instanceof Body.Alarm a) {
            n.put("alarmId", a.alarmId());
            n.put("device", a.device());
            n.put("rule", a.rule());
            n.put("transition", a.transition().name().toLowerCase(Locale.ROOT));
            n.put("severity", a.severity());
            n.put("caseType", a.caseType());
            n.set("location", location(a.location()));
            n.set("raisedAt", ts(a.raisedAt()));
            if (a.message() != null) n.put("message", a.message());
            n.set("readings", readings(a.readings()));
        } else if (b instanceof Body.Event ev) {
            n.put("type", ev.type());
            if (ev.device() != null) n.put("device", ev.device());
            ObjectNode d = n.putObject("detail");
            ev.detail().forEach(d::put);
        } else if (b instanceof Body.Health h) {
            n.put("uptimeMs", h.uptimeMs());
            n.put("outboxPending", h.outboxPending());
            n.put("outboxDropped", h.outboxDropped());
            n.put("outboxQuarantined", h.outboxQuarantined());
            n.put("outboxQuarantinedBytes", h.outboxQuarantinedBytes());
            n.put("outboxQuarantineEvicted", h.outboxQuarantineEvicted());
            if (h.outboxOldestAgeMs() != null) n.put("outboxOldestAgeMs", h.outboxOldestAgeMs());
            n.put("clockSync", wire(h.clockSync()));
            ArrayNode ds = n.putArray("devices");
            for (Body.DeviceStatus s : h.devices()) {
                ObjectNode d = ds.addObject().put("id", s.id()).put("online", s.online()).put("comm", wire(s.state()));
                if (s.lastReadingAgeMs() != null) d.put("lastReadingAgeMs", s.lastReadingAgeMs());
            }
        } else if (b instanceof Body.Death d) {
            if (d.reason() != null) n.put("reason", d.reason());
        }
        return n;
    }

    // ---- decoding ----

    private static Body body(MessageKind kind, JsonNode n) {
        return switch (kind) {
            case BIRTH -> {
                List<Body.DeclaredDevice> devices = new ArrayList<>();
                for (JsonNode d : requiredArray(n, "devices", "body.devices")) {
                    devices.add(new Body.DeclaredDevice(requiredText(d, "id"), requiredText(d, "profile"),
                            location(requiredObject(d, "location", "body.devices[].location"))));
                }
                yield new Body.Birth(requiredText(n, "software"), ts(requiredObject(n, "bootedAt", "body.bootedAt"), "body.bootedAt"), devices);
            }
            case TELEMETRY -> new Body.Telemetry(readings(requiredArray(n, "readings", "body.readings")));
            case ALARM -> new Body.Alarm(requiredText(n, "alarmId"), requiredText(n, "device"), requiredText(n, "rule"),
                    transition(requiredText(n, "transition")), requiredText(n, "severity"), requiredText(n, "caseType"),
                    location(requiredObject(n, "location", "body.location")),
                    ts(requiredObject(n, "raisedAt", "body.raisedAt"), "body.raisedAt"),
                    optionalText(n, "message"), readings(requiredArray(n, "readings", "body.readings")));
            case EVENT -> {
                Map<String, String> detail = new LinkedHashMap<>();
                JsonNode d = n.get("detail");
                if (d != null && !d.isNull()) {
                    if (!d.isObject()) throw invalid("body.detail must be an object");
                    d.fields().forEachRemaining(e -> detail.put(e.getKey(), e.getValue().asText()));
                }
                yield new Body.Event(requiredText(n, "type"), optionalText(n, "device"), detail);
            }
            case HEALTH -> {
                List<Body.DeviceStatus> ds = new ArrayList<>();
                JsonNode arr = n.get("devices");
                if (arr != null && arr.isArray()) {
                    for (JsonNode d : arr) {
                        ds.add(new Body.DeviceStatus(requiredText(d, "id"), d.path("online").asBoolean(false),
                                optionalEnum(d, "comm", Body.CommState.class, Body.CommState.UNKNOWN),
                                optionalAge(d, "lastReadingAgeMs")));
                    }
                }
                yield new Body.Health(requiredLong(n, "uptimeMs"), n.path("outboxPending").asLong(0),
                        n.path("outboxDropped").asLong(0), ds, n.path("outboxQuarantined").asLong(0),
                        n.path("outboxQuarantinedBytes").asLong(0), n.path("outboxQuarantineEvicted").asLong(0),
                        optionalAge(n, "outboxOldestAgeMs"),
                        optionalEnum(n, "clockSync", Body.ClockSync.class, Body.ClockSync.UNKNOWN));
            }
            case DEATH -> new Body.Death(optionalText(n, "reason"));
        };
    }

    private static Body.Transition transition(String s) {
        return switch (s) {
            case "raised" -> Body.Transition.RAISED;
            case "cleared" -> Body.Transition.CLEARED;
            default -> throw invalid("body.transition must be 'raised' or 'cleared', got '" + s + "'");
        };
    }

    private static List<WireReading> readings(JsonNode arr) {
        List<WireReading> out = new ArrayList<>(arr.size());
        for (JsonNode r : arr) {
            if (!r.isObject()) throw invalid("each reading must be an object");
            JsonNode v = r.get("value");
            Object value;
            if (v == null || v.isNull()) value = null;
            else if (v.isNumber()) value = v.doubleValue();
            else if (v.isBoolean()) value = v.booleanValue();
            else if (v.isTextual()) value = v.textValue();
            else throw invalid("reading value must be number, boolean, string or null");
            WireReading.Quality q;
            try {
                q = WireReading.Quality.valueOf(requiredText(r, "quality").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw invalid("reading quality must be good, uncertain or bad");
            }
            out.add(new WireReading(requiredText(r, "device"), requiredText(r, "channel"), value,
                    optionalText(r, "unit"), q, ts(requiredObject(r, "ts", "reading.ts"), "reading.ts")));
        }
        return out;
    }

    private static Location location(JsonNode n) {
        return new Location(requiredText(n, "site"), optionalText(n, "unit"), optionalText(n, "area"), optionalText(n, "resident"));
    }

    private static Timestamp ts(JsonNode n, String where) {
        JsonNode wall = n.get("wall");
        JsonNode mono = n.get("mono");
        if (wall == null || !wall.canConvertToLong() || mono == null || !mono.canConvertToLong()) {
            throw invalid(where + " needs integer wall and mono");
        }
        return new Timestamp(wall.longValue(), mono.longValue());
    }

    private static String requiredText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
            throw invalid("'" + field + "' must be a non-empty string");
        }
        return v.textValue();
    }

    private static String optionalText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw invalid("'" + field + "' must be a string");
        return v.textValue();
    }

    /** An optional duration in milliseconds: absent or null is null, anything but an integer >= 0 is invalid. */
    private static Long optionalAge(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            throw invalid("'" + field + "' must be an integer >= 0");
        }
        return v.longValue();
    }

    /**
     * An optional lower-case enum value. A string this side does not know reads as {@code unknown}: a newer peer may
     * add a value without a version bump (docs/protocol.md, Versioning); a value that is not a string is invalid.
     */
    private static <E extends Enum<E>> E optionalEnum(JsonNode n, String field, Class<E> type, E unknown) {
        String text = optionalText(n, field);
        if (text == null) return unknown;
        for (E e : type.getEnumConstants()) {
            if (wire(e).equals(text)) return e;
        }
        return unknown;
    }

    private static String wire(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static long requiredLong(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw invalid("'" + field + "' must be an integer");
        }
        return v.longValue();
    }

    private static JsonNode requiredObject(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isObject()) throw invalid("'" + where + "' must be an object");
        return v;
    }

    private static JsonNode requiredArray(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) throw invalid("'" + where + "' must be an array");
        return v;
    }

    private static ProtocolException invalid(String msg) {
        return new ProtocolException(ProtocolError.INVALID_FIELD, msg);
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
