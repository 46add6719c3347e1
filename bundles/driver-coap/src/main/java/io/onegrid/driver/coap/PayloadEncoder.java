package io.onegrid.driver.coap;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.onegrid.profile.CoapPoint;
import io.onegrid.profile.DataType;
import io.onegrid.profile.values.ValueException;
import io.onegrid.profile.values.ValueTransform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The payload of a PUT to a writable channel, in the channel's content format: the bare value for text/plain, and
 * for JSON and CBOR the value placed at the channel's pointer ({"a":{"b":v}} for /a/b), so a write mirrors what a
 * read of the same resource decodes. Numbers go back through the shared value transform (labels to codes,
 * {@code (value - offset) / scale}). Thread-safe.
 */
final class PayloadEncoder {
    private final ObjectMapper json = new ObjectMapper();
    private final ObjectMapper cbor = new ObjectMapper(new CBORFactory());

    /**
     * @throws ValueException when {@code value} does not suit the channel (the shared transform's check)
     * @throws IllegalArgumentException when the channel's content format cannot be written
     */
    byte[] encode(CoapChannel channel, Object value) throws ValueException {
        CoapPoint point = channel.point();
        JsonNode node = node(channel, value);
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

    private static JsonNode node(CoapChannel channel, Object value) throws ValueException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        DataType type = channel.spec().type();
        if (type == DataType.BOOL) return f.booleanNode(ValueTransform.bool(channel.id(), value));
        if (type == DataType.STRING) {
            if (value instanceof String s) return f.textNode(s);
            throw new ValueException("channel " + channel.id() + " takes text, not " + value);
        }
        double raw = channel.transform().toRaw(channel.id(), type, value);
        // whole numbers go out without ".0": integer resources on small devices often refuse a decimal point
        if (raw == Math.rint(raw) && Math.abs(raw) < 1e15) return f.numberNode((long) raw);
        return f.numberNode(BigDecimal.valueOf(raw));
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
