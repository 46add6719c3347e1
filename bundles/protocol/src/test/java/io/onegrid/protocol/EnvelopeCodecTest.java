package io.onegrid.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeCodecTest {
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final Timestamp ts = new Timestamp(1_795_300_000_000L, 123_456L);
    private final Location flat302 = new Location("bldg-7", "302", null, null);

    private Envelope roundTrip(Body body) {
        Envelope e = Envelope.of("gw-demo-01", "boot-1", body.kind().sequenced() ? 42 : 0, ts, body);
        return codec.decode(codec.encode(e), body.kind());
    }

    /** Every body kind survives encode → decode unchanged, so gateway and hub read each other exactly. */
    @Test
    void everyKindRoundTrips() {
        WireReading pressure = new WireReading("hydrant-b7", "pressure", 0.35, "MPa", WireReading.Quality.GOOD, ts);
        WireReading smoke = new WireReading("smoke-302", "smoke", true, null, WireReading.Quality.GOOD, ts);
        WireReading bad = new WireReading("hydrant-b7", "status", null, null, WireReading.Quality.BAD, ts);
        List<Body> bodies = List.of(
                new Body.Birth("0.1.0", new Timestamp(1, 0),
                        List.of(new Body.DeclaredDevice("smoke-302", "smoke-detector-gpio", flat302))),
                new Body.Telemetry(List.of(pressure, bad)),
                new Body.Alarm("a-1", "smoke-302", "smoke", Body.Transition.RAISED, "critical", "fire.smoke",
                        new Location("bldg-7", "302", "stairs", "r-9"), ts, "Smoke detected", List.of(smoke)),
                new Body.Event("device.added", "smoke-302", Map.of("profile", "smoke-detector-gpio")),
                new Body.Health(3_600_000, 12, 3, List.of(new Body.DeviceStatus("hydrant-b7", false)), 2, 640, 1),
                new Body.Death("connection lost"));
        for (Body b : bodies) {
            Envelope back = roundTrip(b);
            assertThat(back.body()).as(b.kind().wireName()).isEqualTo(b);
            assertThat(back.gatewayId()).isEqualTo("gw-demo-01");
            assertThat(back.ts()).isEqualTo(ts);
        }
    }

    /** The documented JSON shape is what goes on the wire (field names are the contract). */
    @Test
    void encodesDocumentedFieldNames() {
        Envelope e = Envelope.of("gw-1", "b", 7, ts, new Body.Death("shutdown"));
        String json = new String(codec.encode(e), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"v\":1,\"gw\":\"gw-1\",\"boot\":\"b\",\"seq\":7,\"kind\":\"death\","
                + "\"ts\":{\"wall\":1795300000000,\"mono\":123456},\"body\":{\"reason\":\"shutdown\"}}");
    }

    /** Broken payloads are rejected as malformed or with a bad field (final for the gateway), with a sentence naming the problem. */
    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "[1,2]",
            "{\"v\":1}",
            "{\"v\":1,\"gw\":\"g\",\"boot\":\"b\",\"seq\":-1,\"kind\":\"death\",\"ts\":{\"wall\":1,\"mono\":1},\"body\":{}}",
            "{\"v\":1,\"gw\":\"g/x\",\"boot\":\"b\",\"seq\":1,\"kind\":\"death\",\"ts\":{\"wall\":1,\"mono\":1},\"body\":{}}",
            "{\"v\":1,\"gw\":\"g\",\"boot\":\"b\",\"seq\":1,\"kind\":\"telemetry\",\"ts\":{\"wall\":1,\"mono\":1},\"body\":{\"readings\":[{\"device\":\"d\",\"channel\":\"c\",\"value\":[1],\"quality\":\"good\",\"ts\":{\"wall\":1,\"mono\":1}}]}}",
            "{\"v\":1,\"gw\":\"g\",\"boot\":\"b\",\"seq\":1,\"kind\":\"alarm\",\"ts\":{\"wall\":1,\"mono\":1},\"body\":{\"alarmId\":\"a\"}}",
            "{\"v\":1,\"v\":1,\"gw\":\"g\",\"boot\":\"b\",\"seq\":1,\"kind\":\"death\",\"ts\":{\"wall\":1,\"mono\":1},\"body\":{}}"
    })
    void rejectsMalformedPayloads(String payload) {
        assertThatThrownBy(() -> codec.decode(payload.getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(ProtocolException.class)
                .satisfies(ex -> {
                    ProtocolException pe = (ProtocolException) ex;
                    assertThat(pe.error()).isIn(ProtocolError.MALFORMED, ProtocolError.INVALID_FIELD);
                    assertThat(pe.getMessage()).isNotBlank();
                });
    }

    /**
     * GIVEN envelopes whose {@code v} is a well-formed integer other than ours WHEN decoded THEN they are an
     * unsupported version (the other side may be upgraded), checked before any other field.
     */
    @ParameterizedTest
    @ValueSource(strings = {"2", "4294967297"}) // 2^32 + 1 must not wrap around to version 1
    void newerVersionIsUnsupportedNotMalformed(String v) {
        String payload = "{\"v\":" + v + ",\"layout\":\"different\"}";
        assertThatThrownBy(() -> codec.decode(payload.getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(ProtocolException.class)
                .extracting(ex -> ((ProtocolException) ex).error()).isEqualTo(ProtocolError.UNSUPPORTED_VERSION);
    }

    /** GIVEN a {@code v} that can never be a version WHEN decoded THEN the envelope is broken, not merely newer. */
    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "\"1\"", "1.5", "null"})
    void impossibleVersionIsInvalidField(String v) {
        String payload = "{\"v\":" + v + ",\"gw\":\"g\",\"boot\":\"b\",\"seq\":1,\"kind\":\"death\","
                + "\"ts\":{\"wall\":1,\"mono\":1},\"body\":{}}";
        assertThatThrownBy(() -> codec.decode(payload.getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(ProtocolException.class)
                .extracting(ex -> ((ProtocolException) ex).error()).isEqualTo(ProtocolError.INVALID_FIELD);
    }

    /** A hostile, deeply nested payload is refused by the parser's limits instead of exhausting the stack. */
    @Test
    void refusesDeepNesting() {
        String deep = "{\"v\":1,\"body\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThatThrownBy(() -> codec.decode(deep.getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(ProtocolException.class)
                .extracting(ex -> ((ProtocolException) ex).error()).isEqualTo(ProtocolError.MALFORMED);
    }

    /** A payload above the size limit is refused before parsing. */
    @Test
    void refusesOversizedPayload() {
        byte[] big = new byte[EnvelopeCodec.MAX_PAYLOAD_BYTES + 1];
        assertThatThrownBy(() -> codec.decode(big, null))
                .isInstanceOf(ProtocolException.class)
                .extracting(ex -> ((ProtocolException) ex).error()).isEqualTo(ProtocolError.TOO_LARGE);
    }

    /** The topic names one kind and the envelope must agree, so a message cannot be smuggled under another kind. */
    @Test
    void kindMustMatchTopic() {
        byte[] death = codec.encode(Envelope.of("gw-1", "b", 0, ts, new Body.Death("x")));
        assertThatThrownBy(() -> codec.decode(death, MessageKind.ALARM))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("does not match topic kind");
    }

    /** Unknown fields are ignored so a newer gateway can add optional fields without a version bump. */
    @Test
    void ignoresUnknownFields() {
        String json = "{\"v\":1,\"gw\":\"g\",\"boot\":\"b\",\"seq\":0,\"kind\":\"death\",\"future\":true,"
                + "\"ts\":{\"wall\":1,\"mono\":1},\"body\":{\"reason\":\"r\",\"extra\":1}}";
        Envelope e = codec.decode(json.getBytes(StandardCharsets.UTF_8), MessageKind.DEATH);
        assertThat(e.body()).isEqualTo(new Body.Death("r"));
    }
}
