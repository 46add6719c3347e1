package io.onegrid.driver.coap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.onegrid.profile.CoapPoint;
import io.onegrid.profile.DataType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one CoAP payload into one channel's raw value (scale, offset and labels are applied afterwards by the shared
 * {@code io.onegrid.profile.values.ValueTransform}): text/plain (0) is the value itself, application/json (50) and
 * application/cbor (60) are parsed by Jackson and the profile's {@code pointer} ("/a/b", JSON-pointer syntax, also
 * over CBOR maps and arrays) picks the value. Every way a payload can be wrong (not what its content format says,
 * nested too deep, no value at the pointer, a value of the wrong type) comes back as a problem sentence, never as
 * an exception. Thread-safe.
 */
final class PayloadDecoder {
    /** Deeper documents are hostile or broken: sensor payloads are a few levels deep. */
    static final int MAX_NESTING = 32;
    /** Longest STRING value a channel keeps; longer text is refused rather than forwarded. */
    static final int MAX_TEXT = 256;

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d{1,4})?");

    private final ObjectMapper json;
    private final ObjectMapper cbor;

    PayloadDecoder() {
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING).maxNumberLength(64).maxStringLength(64 * 1024).build();
        json = new ObjectMapper(JsonFactory.builder().streamReadConstraints(limits).build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        cbor = new ObjectMapper(CBORFactory.builder().streamReadConstraints(limits).build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * @param payload       the response body (may be empty)
     * @param contentFormat the response's Content-Format option, {@link ContentFormats#NONE} when it has none
     * @param labels        the channel's enum labels: a text payload may be one of them instead of a number
     * @return the raw value (Double, Boolean or String) for the shared value transform, or the problem
     */
    Decoded decode(byte[] payload, int contentFormat, CoapPoint point, DataType type, Set<String> labels) {
        int expected = point.contentFormat();
        if (contentFormat != ContentFormats.NONE && contentFormat != expected) {
            return Decoded.problem("content format " + ContentFormats.name(contentFormat) + " where the profile expects "
                    + ContentFormats.name(expected));
        }
        if (payload == null || payload.length == 0) {
            return Decoded.problem("empty payload");
        }
        return switch (expected) {
            case ContentFormats.TEXT -> text(payload, type, labels);
            case ContentFormats.JSON -> tree(json, "JSON", payload, point.pointer());
            case ContentFormats.CBOR -> tree(cbor, "CBOR", payload, point.pointer());
            default -> Decoded.problem("content format " + expected + " is not one this driver decodes (0, 50, 60)");
        };
    }

    private static Decoded text(byte[] payload, DataType type, Set<String> labels) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString().trim();
        } catch (CharacterCodingException e) {
            return Decoded.problem("payload is not UTF-8 text");
        }
        if (text.length() > MAX_TEXT) {
            return Decoded.problem("text of " + text.length() + " characters is longer than " + MAX_TEXT);
        }
        if (type == DataType.STRING || type == DataType.BOOL || labels.contains(text)) {
            return Decoded.value(text);
        }
        // Double.parseDouble also takes "NaN", "Infinity", hex and a trailing 'd': none of them is a sensor reading
        if (!DECIMAL.matcher(text).matches()) {
            return Decoded.problem("payload '" + quote(text) + "' is not a number");
        }
        return Decoded.value(Double.parseDouble(text));
    }

    private static Decoded tree(ObjectMapper mapper, String what, byte[] payload, String pointer) {
        JsonNode root;
        try {
            root = mapper.readTree(payload);
        } catch (IOException | RuntimeException e) {
            return Decoded.problem("payload is not " + what + reason(e));
        }
        if (root == null || root.isMissingNode()) {
            return Decoded.problem("payload is not " + what + " (no value in it)");
        }
        JsonNode node = root;
        if (pointer != null && !pointer.isEmpty()) {
            try {
                node = root.at(JsonPointer.compile(pointer));
            } catch (IllegalArgumentException e) {
                return Decoded.problem("pointer '" + pointer + "' is not a JSON pointer");
            }
            if (node.isMissingNode()) {
                return Decoded.problem(what + " payload has no value at " + pointer);
            }
        }
        String at = pointer == null || pointer.isEmpty() ? "the payload" : pointer;
        return scalar(node, what + " value at " + at);
    }

    /** A scalar as the shared value transform takes it: Double, Boolean or String. */
    private static Decoded scalar(JsonNode node, String where) {
        if (node.isNumber()) {
            double value = node.doubleValue();
            return Double.isFinite(value) ? Decoded.value(value) : Decoded.problem(where + " is not a finite number");
        }
        if (node.isBoolean()) return Decoded.value(node.booleanValue());
        if (node.isTextual()) {
            String text = node.textValue();
            return text.length() > MAX_TEXT ? Decoded.problem(where + " has " + text.length()
                    + " characters, more than " + MAX_TEXT) : Decoded.value(text);
        }
        return Decoded.problem(where + " is " + kind(node) + ", not a single value");
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case NULL -> "null";
            case BINARY -> "a byte string";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** Jackson's first line without its source excerpt: enough to tell a broken payload from a hostile one. */
    private static String reason(Exception e) {
        String message = e.getMessage();
        if (message == null) return "";
        int end = message.indexOf('\n');
        String first = end < 0 ? message : message.substring(0, end);
        first = first.length() > 160 ? first.substring(0, 160) + "..." : first;
        return " (" + first + ")";
    }

    /** Payload text in a problem sentence: bounded and printable, since it came from the device. */
    static String quote(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        StringBuilder out = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
