package io.onegrid.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;

/**
 * JSON encoding of {@link Command}s and {@link CommandReply}s, exactly as docs/protocol.md (Commands) describes.
 * Decoding is as strict as {@link EnvelopeCodec}'s: bounded size, nesting and strings, duplicate keys refused,
 * every field checked, problems as {@link ProtocolException}s that name the field. Thread-safe.
 */
public final class CommandCodec {
    /** The command/reply payload version this code writes and the only one it reads. */
    public static final int VERSION = 1;
    /** Largest command or reply payload; larger ones are {@link ProtocolError#TOO_LARGE}. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final ObjectMapper mapper = StrictJson.mapper();

    public byte[] encode(Command c) {
        ObjectNode root = mapper.createObjectNode();
        root.put("v", VERSION);
        root.put("id", c.id());
        root.put("command", c.command());
        root.set("args", mapper.valueToTree(c.args()));
        root.put("issuedAt", c.issuedAt());
        root.put("expiresAt", c.expiresAt());
        return write(root);
    }

    public byte[] encode(CommandReply r) {
        ObjectNode root = mapper.createObjectNode();
        root.put("v", VERSION);
        if (r.id() == null) root.putNull("id"); else root.put("id", r.id());
        root.put("command", r.command());
        root.put("ok", r.ok());
        if (r.ok()) {
            root.set("result", mapper.valueToTree(r.result()));
        } else {
            root.putObject("error").put("code", r.failure().code()).put("message", r.failure().message());
        }
        root.putObject("ts").put("wall", r.ts().wallMs()).put("mono", r.ts().monoMs());
        return write(root);
    }

    public Command decodeCommand(byte[] payload) {
        JsonNode root = read(payload);
        JsonNode args = root.get("args");
        if (args != null && !args.isNull() && !args.isObject()) throw invalid("'args' must be an object");
        return new Command(text(root, "id"), text(root, "command"), args == null || args.isNull() ? Map.of() : map(args),
                integer(root, "issuedAt"), integer(root, "expiresAt"));
    }

    public CommandReply decodeReply(byte[] payload) {
        JsonNode root = read(payload);
        JsonNode id = root.get("id");
        if (id != null && !id.isNull() && !id.isTextual()) throw invalid("'id' must be a string or null");
        JsonNode ok = root.get("ok");
        if (ok == null || !ok.isBoolean()) throw invalid("'ok' must be true or false");
        JsonNode ts = root.get("ts");
        if (ts == null || !ts.isObject() || !ts.path("wall").canConvertToLong() || !ts.path("mono").canConvertToLong()
                || !ts.path("wall").isIntegralNumber() || !ts.path("mono").isIntegralNumber()) {
            throw invalid("'ts' needs integer wall and mono");
        }
        Timestamp at = new Timestamp(ts.get("wall").longValue(), ts.get("mono").longValue());
        String idText = id == null || id.isNull() ? null : id.textValue();
        String command = text(root, "command");
        if (ok.booleanValue()) {
            JsonNode result = root.get("result");
            if (result != null && !result.isNull() && !result.isObject()) throw invalid("'result' must be an object");
            return CommandReply.ok(idText, command, result == null || result.isNull() ? Map.of() : map(result), at);
        }
        JsonNode error = root.get("error");
        if (error == null || !error.isObject()) throw invalid("a reply with ok false needs an 'error' object");
        JsonNode message = error.get("message");
        if (message != null && !message.isNull() && !message.isTextual()) throw invalid("'error.message' must be a string");
        return new CommandReply(idText, command, null, new CommandReply.Failure(text(error, "code"),
                message == null || message.isNull() ? "" : message.textValue()), at);
    }

    /**
     * The {@code id} of a payload that may not decode as a whole (bad arguments, newer version), so that a gateway
     * can still say which command it refuses; null when there is no valid id to find.
     */
    public String peekId(byte[] payload) {
        try {
            JsonNode id = payload.length > MAX_PAYLOAD_BYTES ? null : mapper.readTree(payload).get("id");
            return id != null && id.isTextual() && Command.isValidId(id.textValue()) ? id.textValue() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private JsonNode read(byte[] payload) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new ProtocolException(ProtocolError.TOO_LARGE, "payload is " + payload.length + " bytes, limit "
                    + MAX_PAYLOAD_BYTES);
        }
        JsonNode root;
        try {
            root = mapper.readTree(payload);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            throw new ProtocolException(ProtocolError.MALFORMED, "not valid JSON: "
                    + (m.indexOf('\n') < 0 ? m : m.substring(0, m.indexOf('\n'))), e);
        }
        if (root == null || !root.isObject()) throw new ProtocolException(ProtocolError.MALFORMED, "payload must be a JSON object");
        long v = integer(root, "v");
        if (v < 1) throw invalid("'v' must be a positive integer, got " + v);
        if (v != VERSION) {
            throw new ProtocolException(ProtocolError.UNSUPPORTED_VERSION,
                    "command version " + v + " not supported (this side speaks " + VERSION + ")");
        }
        return root;
    }

    private Map<String, Object> map(JsonNode object) {
        return mapper.convertValue(object, MAP);
    }

    private byte[] write(ObjectNode root) {
        try {
            return mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.textValue().isEmpty()) throw invalid("'" + field + "' must be a non-empty string");
        return v.textValue();
    }

    private static long integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) throw invalid("'" + field + "' must be an integer");
        return v.longValue();
    }

    private static ProtocolException invalid(String message) {
        return new ProtocolException(ProtocolError.INVALID_FIELD, message);
    }
}
