package io.onegrid.profile.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.profile.DataType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Payload values (CoAP JSON, CBOR, text) get the same treatment as registers, and hostile ones a clear error. */
class ValueTransformTest {
    private final ValueTransform scaled = new ValueTransform(0.1, -40, -1, Map.of());
    private final ValueTransform labelled = new ValueTransform(1, 0, -1, Map.of(0L, "normal", 1L, "alarm"));

    /** A JSON number and the same number as text read the same, through scale and offset. */
    @Test
    void numbersFromAnyPayload() throws ValueException {
        assertThat(scaled.toReading("t", DataType.INT16, (Object) 655)).isEqualTo(25.5);
        assertThat(scaled.toReading("t", DataType.INT16, " 655 ")).isEqualTo(25.5);
        assertThat(labelled.toReading("s", DataType.UINT16, (Object) 1L)).isEqualTo("alarm");
        assertThat(labelled.toReading("s", DataType.UINT16, "alarm")).isEqualTo("alarm");
        assertThat(ValueTransform.IDENTITY.toReading("b", DataType.BOOL, "on")).isEqualTo(true);
        assertThat(ValueTransform.IDENTITY.toReading("b", DataType.BOOL, (Object) true)).isEqualTo(true);
    }

    /** Text that is no number, a structure, null and NaN are refused with the channel named. */
    @Test
    void hostileValuesAreRefused() {
        assertThatThrownBy(() -> scaled.toReading("t", DataType.FLOAT32, "warm")).hasMessageContaining("channel t")
                .hasMessageContaining("'warm'");
        assertThatThrownBy(() -> scaled.toReading("t", DataType.FLOAT32, (Object) List.of(1))).hasMessageContaining("a structure");
        assertThatThrownBy(() -> scaled.toReading("t", DataType.FLOAT32, (Object) null)).hasMessageContaining("null");
        assertThatThrownBy(() -> scaled.toReading("t", DataType.FLOAT32, Double.NaN)).hasMessageContaining("no measurement");
        assertThatThrownBy(() -> scaled.toReading("t", DataType.FLOAT32, (Object) true)).hasMessageContaining("sent true");
        String huge = "x".repeat(10_000);
        assertThatThrownBy(() -> scaled.toReading("t", DataType.FLOAT32, huge))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }

    /** Writes invert the transform: (value - offset) / scale, a label's code, true/false as 1/0. */
    @Test
    void writesInvert() throws ValueException {
        assertThat(scaled.toRaw("t", DataType.INT16, 25.5)).isEqualTo(655.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(labelled.toRaw("s", DataType.UINT16, "alarm")).isEqualTo(1.0);
        assertThat(ValueTransform.IDENTITY.toRaw("b", DataType.BOOL, "off")).isEqualTo(0.0);
        assertThatThrownBy(() -> scaled.toRaw("t", DataType.INT16, Double.POSITIVE_INFINITY)).hasMessageContaining("not a number");
    }
}
