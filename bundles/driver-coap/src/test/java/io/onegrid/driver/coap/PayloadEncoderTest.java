package io.onegrid.driver.coap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.onegrid.profile.Access;
import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.CoapAddress;
import io.onegrid.profile.CoapPoint;
import io.onegrid.profile.DataType;
import io.onegrid.profile.values.ValueException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Write payloads mirror what a read of the same channel decodes. */
class PayloadEncoderTest {
    private static final CoapAddress HOST = CoapAddress.parse("coap://127.0.0.1");
    private final PayloadEncoder encoder = new PayloadEncoder();
    private final PayloadDecoder decoder = new PayloadDecoder();

    private static CoapChannel channel(DataType type, CoapPoint point, Map<Long, String> labels) {
        return CoapChannel.of(new ChannelSpec("c", null, null, type, Access.READ_WRITE, null, null, point, labels), HOST);
    }

    /** GIVEN a CBOR channel with a pointer and a scale WHEN a value is written THEN decoding the payload gives the raw value back. */
    @Test
    void cborRoundTrip() throws Exception {
        CoapChannel c = channel(DataType.INT16, new CoapPoint("/sp", 60, false, "/heat/target", 0.5, 10), Map.of());
        byte[] payload = encoder.encode(c, 21.0);
        assertThat(new ObjectMapper(new CBORFactory()).readTree(payload).at("/heat/target").asLong()).isEqualTo(22);
        assertThat(decoder.decode(payload, 60, c.point(), DataType.INT16, c.labels()).value()).isEqualTo(22.0);
    }

    /** GIVEN text and enum channels WHEN labels and booleans are written THEN codes and true/false go out as text. */
    @Test
    void textLabelsAndBooleans() throws Exception {
        CoapChannel mode = channel(DataType.UINT16, new CoapPoint("/mode", 0, false, null), Map.of(0L, "off", 2L, "auto"));
        assertThat(new String(encoder.encode(mode, "auto"), StandardCharsets.UTF_8)).isEqualTo("2");
        CoapChannel relay = channel(DataType.BOOL, new CoapPoint("/relay", 50, false, null), Map.of());
        assertThat(new String(encoder.encode(relay, true), StandardCharsets.UTF_8)).isEqualTo("true");
        assertThatThrownBy(() -> encoder.encode(mode, "boost")).isInstanceOf(ValueException.class).hasMessageContaining("takes one of");
        assertThatThrownBy(() -> encoder.encode(relay, "maybe")).isInstanceOf(ValueException.class);
    }
}
