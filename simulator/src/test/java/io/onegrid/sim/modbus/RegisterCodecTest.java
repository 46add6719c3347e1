package io.onegrid.sim.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.profile.Access;
import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DataType;
import io.onegrid.profile.ModbusPoint;
import io.onegrid.profile.ModbusPoint.Table;
import io.onegrid.profile.ModbusPoint.WordOrder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class RegisterCodecTest {

    static ChannelSpec channel(DataType type, WordOrder order, double scale, double offset) {
        return channel(type, Table.HOLDING_REGISTER, order, scale, offset, 0);
    }

    static ChannelSpec channel(DataType type, Table table, WordOrder order, double scale, double offset, int length) {
        return new ChannelSpec("c", null, null, type, Access.READ,
                new ModbusPoint(table, 0, order, scale, offset, length), null, null);
    }

    static Stream<Arguments> knownEncodings() {
        return Stream.of(
                Arguments.of(DataType.FLOAT32, WordOrder.BIG, 0.35, new int[] {0x3EB3, 0x3333}),
                Arguments.of(DataType.FLOAT32, WordOrder.LITTLE, 0.35, new int[] {0x3333, 0x3EB3}),
                Arguments.of(DataType.FLOAT64, WordOrder.BIG, 1.5, new int[] {0x3FF8, 0, 0, 0}),
                Arguments.of(DataType.FLOAT64, WordOrder.LITTLE, 1.5, new int[] {0, 0, 0, 0x3FF8}),
                Arguments.of(DataType.INT16, WordOrder.BIG, -2.0, new int[] {0xFFFE}),
                Arguments.of(DataType.UINT16, WordOrder.BIG, 65535.0, new int[] {0xFFFF}),
                Arguments.of(DataType.INT32, WordOrder.BIG, -100000.0, new int[] {0xFFFE, 0x7960}),
                Arguments.of(DataType.INT32, WordOrder.LITTLE, -100000.0, new int[] {0x7960, 0xFFFE}),
                Arguments.of(DataType.UINT32, WordOrder.BIG, 4_000_000_000.0, new int[] {0xEE6B, 0x2800}),
                Arguments.of(DataType.UINT32, WordOrder.LITTLE, 4_000_000_000.0, new int[] {0x2800, 0xEE6B}));
    }

    /** Each numeric type encodes to the register words the Modbus convention prescribes, in both word orders. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("knownEncodings")
    void encodesKnownVectors(DataType type, WordOrder order, double value, int[] words) {
        // GIVEN a channel of that type and word order, scale 1 offset 0
        ChannelSpec ch = channel(type, order, 1, 0);
        // WHEN the value is encoded
        int[] encoded = RegisterCodec.encode(ch, value);
        // THEN the words match the reference encoding, and decode back
        assertThat(encoded).containsExactly(words);
        assertThat((Double) RegisterCodec.decode(ch, encoded)).isEqualTo(type == DataType.FLOAT32 ? (double) (float) value : value);
    }

    /** Every data type round-trips through encode/decode with scale and offset, in both word orders. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DataType.class, names = {"INT16", "UINT16", "INT32", "UINT32", "FLOAT32", "FLOAT64"})
    void roundTripsWithScaleAndOffset(DataType type) {
        for (WordOrder order : WordOrder.values()) {
            // GIVEN value = raw * 0.1 - 40 (a typical temperature register)
            ChannelSpec ch = channel(type, order, 0.1, -40);
            // WHEN 25.3 is encoded (raw 653) and decoded
            int[] words = RegisterCodec.encode(ch, 25.3);
            // THEN the width is the type's and the value comes back (to float precision for FLOAT32)
            assertThat(words).hasSize(type.registers());
            assertThat((Double) RegisterCodec.decode(ch, words)).isCloseTo(25.3, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    /** Scale and offset are applied before integer encoding: raw = (value - offset) / scale, rounded. */
    @Test
    void appliesScaleAndOffsetToRaw() {
        // GIVEN a UINT16 with scale 0.1 and offset -40
        ChannelSpec ch = channel(DataType.UINT16, WordOrder.BIG, 0.1, -40);
        // WHEN 25.0 is encoded
        // THEN the raw register holds (25 + 40) / 0.1 = 650
        assertThat(RegisterCodec.encode(ch, 25.0)).containsExactly(650);
    }

    /** Values that do not fit the type are refused with a sentence instead of wrapping around. */
    @Test
    void refusesOutOfRange() {
        assertThatThrownBy(() -> RegisterCodec.encode(channel(DataType.UINT16, WordOrder.BIG, 1, 0), 70000.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside uint16");
        assertThatThrownBy(() -> RegisterCodec.encode(channel(DataType.UINT16, WordOrder.BIG, 1, 0), -1.0))
                .hasMessageContaining("outside");
        assertThatThrownBy(() -> RegisterCodec.encode(channel(DataType.INT16, WordOrder.BIG, 1, 0), 40000.0))
                .hasMessageContaining("outside int16");
        assertThatThrownBy(() -> RegisterCodec.encode(channel(DataType.FLOAT32, WordOrder.BIG, 1, 0), "x"))
                .hasMessageContaining("takes a number");
    }

    /** BOOL is 0/1 in one register or one bit; STRING is two ASCII characters per register, NUL padded. */
    @Test
    void encodesBoolAndString() {
        ChannelSpec boolReg = channel(DataType.BOOL, WordOrder.BIG, 1, 0);
        assertThat(RegisterCodec.encode(boolReg, true)).containsExactly(1);
        assertThat(RegisterCodec.decode(boolReg, new int[] {7})).isEqualTo(true);
        ChannelSpec coil = channel(DataType.BOOL, Table.COIL, WordOrder.BIG, 1, 0, 0);
        assertThat(RegisterCodec.width(coil)).isEqualTo(1);
        assertThat(RegisterCodec.encode(coil, false)).containsExactly(0);

        ChannelSpec text = channel(DataType.STRING, Table.HOLDING_REGISTER, WordOrder.BIG, 1, 0, 3);
        assertThat(RegisterCodec.encode(text, "AB-")).containsExactly(0x4142, 0x2D00, 0);
        assertThat(RegisterCodec.decode(text, new int[] {0x4142, 0x2D00, 0})).isEqualTo("AB-");
        assertThatThrownBy(() -> RegisterCodec.encode(text, "too long text")).hasMessageContaining("holds at most 6 characters");
    }
}
