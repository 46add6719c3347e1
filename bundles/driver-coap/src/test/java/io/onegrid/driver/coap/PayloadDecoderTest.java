package io.onegrid.driver.coap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.onegrid.profile.CoapPoint;
import io.onegrid.profile.DataType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Payload decoding for text, JSON and CBOR, and hostile payloads that must end as a problem sentence. */
class PayloadDecoderTest {
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private final PayloadDecoder decoder = new PayloadDecoder();

    private Decoded text(String payload, DataType type) {
        return decoder.decode(payload.getBytes(StandardCharsets.UTF_8), ContentFormats.TEXT,
                new CoapPoint("/x", 0, false, null), type, Set.of("alarm"));
    }

    private Decoded json(String payload, String pointer) {
        return decoder.decode(payload.getBytes(StandardCharsets.UTF_8), ContentFormats.JSON,
                new CoapPoint("/x", 50, false, pointer), DataType.FLOAT32, Set.of());
    }

    private Decoded cbor(byte[] payload, String pointer) {
        return decoder.decode(payload, ContentFormats.CBOR, new CoapPoint("/x", 60, false, pointer), DataType.FLOAT32, Set.of());
    }

    /** GIVEN text payloads WHEN decoded THEN decimals become numbers, labels and BOOL/STRING text stay text, the rest is refused. */
    @Test
    void textPayloads() {
        assertThat(text(" 21.5\n", DataType.FLOAT32).value()).isEqualTo(21.5);
        assertThat(text("-3e2", DataType.INT16).value()).isEqualTo(-300.0);
        assertThat(text("alarm", DataType.UINT16).value()).isEqualTo("alarm");
        assertThat(text("on", DataType.BOOL).value()).isEqualTo("on");
        assertThat(text("Dec 02 03:05:50", DataType.STRING).value()).isEqualTo("Dec 02 03:05:50");
        for (String notNumber : List.of("NaN", "Infinity", "0x1p3", "1d", "12 degC", "")) {
            assertThat(text(notNumber, DataType.FLOAT32).ok()).as(notNumber).isFalse();
        }
        assertThat(text("abc", DataType.FLOAT32).problem()).isEqualTo("payload 'abc' is not a number");
        assertThat(decoder.decode(new byte[] {(byte) 0xC3, 0x28}, 0, new CoapPoint("/x", 0, false, null), DataType.STRING, Set.of())
                .problem()).isEqualTo("payload is not UTF-8 text");
    }

    /** GIVEN JSON WHEN a pointer selects a scalar THEN it is the raw value; objects, null, missing targets are problems. */
    @Test
    void jsonPayloads() {
        String doc = "{\"sensors\":[{\"t\":21.5},{\"t\":null}],\"ok\":true,\"name\":\"hall\"}";
        assertThat(json(doc, "/sensors/0/t").value()).isEqualTo(21.5);
        assertThat(json(doc, "/ok").value()).isEqualTo(true);
        assertThat(json(doc, "/name").value()).isEqualTo("hall");
        assertThat(json("22", null).value()).isEqualTo(22.0);
        assertThat(json(doc, "/sensors/1/t").problem()).isEqualTo("JSON value at /sensors/1/t is null, not a single value");
        assertThat(json(doc, "/sensors").problem()).isEqualTo("JSON value at /sensors is an array, not a single value");
        assertThat(json(doc, "/sensors/5/t").problem()).isEqualTo("JSON payload has no value at /sensors/5/t");
        assertThat(json("{\"t\":1} {\"t\":2}", "/t").problem()).startsWith("payload is not JSON");
        assertThat(json("[1, 2", null).problem()).startsWith("payload is not JSON");
        assertThat(json("", null).problem()).isEqualTo("empty payload");
    }

    /** GIVEN CBOR WHEN the same pointer syntax walks its maps and arrays THEN the value is found; JSON bytes are not CBOR. */
    @Test
    void cborPayloads() throws Exception {
        byte[] doc = CBOR.writeValueAsBytes(Map.of("env", Map.of("pm25", List.of(12, 35.5)), "on", false));
        assertThat(cbor(doc, "/env/pm25/1").value()).isEqualTo(35.5);
        assertThat(cbor(doc, "/env/pm25/0").value()).isEqualTo(12.0);
        assertThat(cbor(doc, "/on").value()).isEqualTo(false);
        assertThat(cbor(doc, "/env/co2").problem()).isEqualTo("CBOR payload has no value at /env/co2");
        assertThat(cbor(CBOR.writeValueAsBytes(new byte[] {1, 2}), null).problem())
                .isEqualTo("CBOR value at the payload is a byte string, not a single value");
        assertThat(cbor("{\"a\":1}".getBytes(StandardCharsets.UTF_8), "/a").problem()).startsWith("payload is not CBOR");
    }

    /** GIVEN a response whose Content-Format differs from the profile's WHEN decoded THEN it is refused before parsing. */
    @Test
    void contentFormatMismatch() {
        Decoded d = decoder.decode("21".getBytes(StandardCharsets.UTF_8), ContentFormats.TEXT,
                new CoapPoint("/x", 60, false, null), DataType.FLOAT32, Set.of());
        assertThat(d.problem()).isEqualTo("content format 0 (text/plain) where the profile expects 60 (application/cbor)");
    }

    /** GIVEN documents nested far too deep WHEN decoded THEN Jackson's limit refuses them quickly. */
    @Test
    void deepNestingIsRefused() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThat(json(deep, null).problem()).startsWith("payload is not JSON");
        byte[] cborDeep = new byte[100_000];
        java.util.Arrays.fill(cborDeep, (byte) 0x81); // array of one element, nested
        assertThat(cbor(cborDeep, null).problem()).startsWith("payload is not CBOR");
    }

    /** GIVEN seeded random and mutated payloads in every format WHEN decoded THEN each ends in a value or a problem, never an exception. */
    @Test
    void hostilePayloadsNeverThrow() throws Exception {
        Random random = new Random(20261202L);
        byte[] seedJson = "{\"t\":{\"v\":[1,2.5,\"x\",true,null,{\"k\":-1e300}]}}".getBytes(StandardCharsets.UTF_8);
        byte[] seedCbor = CBOR.writeValueAsBytes(Map.of("t", Map.of("v", List.of(1, 2.5, "x", true))));
        List<CoapPoint> points = List.of(new CoapPoint("/x", 0, false, null), new CoapPoint("/x", 50, false, "/t/v/1"),
                new CoapPoint("/x", 60, false, "/t/v/1"), new CoapPoint("/x", 50, false, null), new CoapPoint("/x", 60, false, null));
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 8_000; i++) {
                byte[] payload = switch (i % 3) {
                    case 0 -> mutate(seedJson, random);
                    case 1 -> mutate(seedCbor, random);
                    default -> randomBytes(random);
                };
                CoapPoint point = points.get(random.nextInt(points.size()));
                DataType type = DataType.values()[random.nextInt(DataType.values().length)];
                assertThatCode(() -> {
                    Decoded d = decoder.decode(payload, point.contentFormat(), point, type, Set.of());
                    assertThat(d.ok() ^ d.problem() != null).isTrue();
                    if (d.ok()) assertThat(d.value()).isInstanceOfAny(Double.class, Boolean.class, String.class);
                }).doesNotThrowAnyException();
            }
        });
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] out = java.util.Arrays.copyOf(seed, random.nextInt(seed.length + 1));
        for (int k = random.nextInt(4); k > 0 && out.length > 0; k--) {
            out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
        return out;
    }

    private static byte[] randomBytes(Random random) {
        byte[] out = new byte[random.nextInt(64)];
        random.nextBytes(out);
        return out;
    }
}
