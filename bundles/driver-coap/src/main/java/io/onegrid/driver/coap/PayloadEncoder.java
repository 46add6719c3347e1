package io.onegrid.driver.coap;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.onegrid.profile.CoapPoint;
import io.onegrid.profile.DataType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The payload of a PUT to a writable channel, in the channel's content format: the bare value for text/plain, and
 * for JSON and CBOR the value placed at the channel's pointer ({"a":{"b":v}} for /a/b), so a write mirrors what a
 * read of the same resource decodes. Thread-safe.
 */
final class PayloadEncoder {
    private final ObjectMapper json = new ObjectMapper();
    private final ObjectMapper cbor = new ObjectMapper(new CBORFactory());

    /** @throws IllegalArgumentException when {@code value} does not suit the channel's type or format */
    byte[] encode(Object value, CoapPoint point, DataType type) {
        JsonNode node = node(value, type);
        try {
            return switch (point.contentFormat()) {
                case ContentFormats.TEXT -> node.asText().getBytes(StandardCharsets.UTF_8);
                case ContentFormats.JSON -> json.writeValueAsBytes(wrap(node, point.pointer()));
                case ContentFormats.CBOR -> cbor.writeValueAsBytes(wrap(node, point.pointer()));
                default -> throw new IllegalArgumentException("content format " + point.contentFormat()
                        + " cannot be written (0, 50 and 60 can)");
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode node(Object value, DataType type) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (type == DataType.BOOL) {
            if (value instanceof Boolean b) return f.booleanNode(b);
            throw new IllegalArgumentException("a boolean channel takes true or false, not " + value);
        }
        if (type == DataType.STRING) {
            if (value instanceof String s) return f.textNode(s);
            throw new IllegalArgumentException("a text channel takes a string, not " + value);
        }
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException("a numeric channel takes a finite number, not " + value);
        }
        double d = n.doubleValue();
        // whole numbers go out without ".0": integer resources on small devices often refuse a decimal point
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return f.numberNode((long) d);
        return f.numberNode(BigDecimal.valueOf(d));
    }

    private static JsonNode wrap(JsonNode value, String pointer) {
        if (pointer == null || pointer.isEmpty() || pointer.equals("/")) return value;
        JsonPointer path = JsonPointer.compile(pointer);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode at = root;
        while (!path.tail().matches()) {
            at = at.putObject(path.getMatchingProperty());
            path = path.tail();
        }
        at.set(path.getMatchingProperty(), value);
        return root;
    }
}
