package io.onegrid.sim.coap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DataType;
import io.onegrid.profile.values.ValueException;
import io.onegrid.profile.values.ValueTransform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The payload of one CoAP resource: the values of the channels that share its path, in the resource's
 * content format. Text (0) carries the one value as text; JSON (50) and CBOR (60) put each channel's value
 * where its pointer says ("/temperature", "/env/pm25"; no pointer = the whole payload is the value).
 * Numbers go out raw, through the shared {@link ValueTransform} backwards (scale, offset), so the gateway's
 * decoding gives the engineering value back.
 */
final class CoapPayloads {
    static final int TEXT = 0;
    static final int JSON = 50;
    static final int CBOR = 60;

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();
    private static final CBORMapper CBOR_MAPPER = new CBORMapper();

    private CoapPayloads() { }

    /** Whether the simulator can serve a resource of this content format. */
    static boolean supported(int contentFormat) {
        return contentFormat == TEXT || contentFormat == JSON || contentFormat == CBOR;
    }

    /** channel → value (Boolean, Double or String) encoded for the content format. */
    static byte[] encode(int contentFormat, List<ChannelSpec> channels, Map<String, Object> values) {
        if (contentFormat == TEXT) {
            return text(channels.get(0), values.get(channels.get(0).id())).getBytes(StandardCharsets.UTF_8);
        }
        JsonNode tree = tree(channels, values);
        try {
            return contentFormat == CBOR ? CBOR_MAPPER.writeValueAsBytes(tree) : JSON_MAPPER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a JSON tree", e);
        }
    }

    /** Bytes that are not the content format: an unterminated JSON object, a truncated CBOR map, non-UTF-8 text. */
    static byte[] garbage(int contentFormat) {
        return switch (contentFormat) {
            case JSON -> "{\"temperature\": 21.".getBytes(StandardCharsets.UTF_8);
            case CBOR -> new byte[] {(byte) 0xBF, 0x61, 0x74, (byte) 0xFB, 0x40}; // map of indefinite length, cut short
            default -> new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00, 0x7F};
        };
    }

    private static JsonNode tree(List<ChannelSpec> channels, Map<String, Object> values) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        for (ChannelSpec channel : channels) {
            JsonNode value = node(channel, values.get(channel.id()));
            List<String> tokens = tokens(channel.coap().pointer());
            if (tokens.isEmpty()) {
                return value;
            }
            ObjectNode at = root;
            for (String token : tokens.subList(0, tokens.size() - 1)) {
                JsonNode next = at.get(token);
                at = next instanceof ObjectNode o ? o : at.putObject(token);
            }
            at.set(tokens.get(tokens.size() - 1), value);
        }
        return root;
    }

    /** RFC 6901 reference tokens of a pointer; empty for none, "" or "/". */
    static List<String> tokens(String pointer) {
        if (pointer == null || pointer.isEmpty() || pointer.equals("/")) {
            return List.of();
        }
        String p = pointer.startsWith("/") ? pointer.substring(1) : pointer;
        return java.util.Arrays.stream(p.split("/", -1)).map(t -> t.replace("~1", "/").replace("~0", "~")).toList();
    }

    private static JsonNode node(ChannelSpec channel, Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Double d) {
            double raw = raw(channel, d);
            return integral(channel.type()) ? f.numberNode(Math.round(raw)) : f.numberNode(raw);
        }
        return f.textNode(String.valueOf(value));
    }

    private static double raw(ChannelSpec channel, double value) {
        try {
            return ValueTransform.of(channel).toRaw(channel.id(), channel.type(), value);
        } catch (ValueException e) {
            return value; // a bit or label channel: the engineering value is what the device would send
        }
    }

    private static String text(ChannelSpec channel, Object value) {
        if (value instanceof Double v) {
            double d = raw(channel, v);
            return integral(channel.type()) ? Long.toString(Math.round(d)) : Double.toString(d);
        }
        return String.valueOf(value);
    }

    private static boolean integral(DataType type) {
        return switch (type) {
            case INT16, UINT16, INT32, UINT32 -> true;
            default -> false;
        };
    }
}
