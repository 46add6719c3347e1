package io.onegrid.driver.modbus;

import static io.onegrid.driver.modbus.Points.bit;
import static io.onegrid.driver.modbus.Points.reg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.onegrid.profile.DataType;
import io.onegrid.profile.ModbusPoint.Table;
import io.onegrid.profile.ModbusPoint.WordOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ModbusCodecTest {

    private static Object decode(DataType type, WordOrder order, int... registers) throws CodecException {
        return ModbusCodec.decode(reg("c", type, order, 1, 0), registers, 0);
    }

    /** 16-bit types: INT16 is signed, UINT16 is not; word order does not matter for one register. */
    @Test
    void decodesSixteenBitTypes() throws CodecException {
        assertThat(decode(DataType.INT16, WordOrder.BIG, 0xFFFE)).isEqualTo(-2.0);
        assertThat(decode(DataType.INT16, WordOrder.LITTLE, 0x7FFF)).isEqualTo(32767.0);
        assertThat(decode(DataType.UINT16, WordOrder.BIG, 0xFFFE)).isEqualTo(65534.0);
        assertThat(decode(DataType.UINT16, WordOrder.LITTLE, 0x0001)).isEqualTo(1.0);
    }

    /** 32-bit integers assemble high word first for BIG and low word first for LITTLE. */
    @Test
    void decodesThirtyTwoBitIntegersInBothWordOrders() throws CodecException {
        assertThat(decode(DataType.UINT32, WordOrder.BIG, 0x0001, 0x0002)).isEqualTo(65538.0);
        assertThat(decode(DataType.UINT32, WordOrder.LITTLE, 0x0002, 0x0001)).isEqualTo(65538.0);
        assertThat(decode(DataType.UINT32, WordOrder.BIG, 0xFFFF, 0xFFFF)).isEqualTo(4294967295.0);
        assertThat(decode(DataType.INT32, WordOrder.BIG, 0xFFFF, 0xFFFE)).isEqualTo(-2.0);
        assertThat(decode(DataType.INT32, WordOrder.LITTLE, 0xFFFE, 0xFFFF)).isEqualTo(-2.0);
        assertThat(decode(DataType.INT32, WordOrder.BIG, 0x8000, 0x0000)).isEqualTo((double) Integer.MIN_VALUE);
    }

    /** FLOAT32 0.35 is 0x3EB33333: registers 3EB3 3333 in BIG order, 3333 3EB3 in LITTLE. */
    @Test
    void decodesFloat32InBothWordOrders() throws CodecException {
        assertThat((Double) decode(DataType.FLOAT32, WordOrder.BIG, 0x3EB3, 0x3333)).isCloseTo(0.35, within(1e-7));
        assertThat((Double) decode(DataType.FLOAT32, WordOrder.LITTLE, 0x3333, 0x3EB3)).isCloseTo(0.35, within(1e-7));
        assertThat(decode(DataType.FLOAT32, WordOrder.BIG, 0xC120, 0x0000)).isEqualTo(-10.0);
    }

    /** FLOAT64 reverses all four words in LITTLE order. */
    @Test
    void decodesFloat64InBothWordOrders() throws CodecException {
        long bits = Double.doubleToLongBits(-1234.5678);
        int[] big = {(int) (bits >>> 48) & 0xFFFF, (int) (bits >>> 32) & 0xFFFF, (int) (bits >>> 16) & 0xFFFF, (int) bits & 0xFFFF};
        int[] little = {big[3], big[2], big[1], big[0]};
        assertThat(decode(DataType.FLOAT64, WordOrder.BIG, big)).isEqualTo(-1234.5678);
        assertThat(decode(DataType.FLOAT64, WordOrder.LITTLE, little)).isEqualTo(-1234.5678);
    }

    /** value = raw * scale + offset, for integers and floats alike. */
    @Test
    void appliesScaleAndOffset() throws CodecException {
        PlannedPoint tenths = reg("t", DataType.INT16, WordOrder.BIG, 0.1, -40);
        assertThat((Double) ModbusCodec.decode(tenths, new int[] {655}, 0)).isCloseTo(25.5, within(1e-9));
        PlannedPoint kpa = reg("p", DataType.FLOAT32, WordOrder.BIG, 1000, 0);
        assertThat((Double) ModbusCodec.decode(kpa, new int[] {0x3EB3, 0x3333}, 0)).isCloseTo(350.0, within(1e-3));
    }

    /** Scale 0 means "not given" and is taken as 1. */
    @Test
    void zeroScaleMeansOne() throws CodecException {
        assertThat(ModbusCodec.decode(reg("s", DataType.UINT16, WordOrder.BIG, 0, 0), new int[] {7}, 0)).isEqualTo(7.0);
    }

    /** BOOL is a coil/input bit, or a register that is not zero. */
    @Test
    void decodesBool() throws CodecException {
        assertThat(ModbusCodec.decodeBit(bit("b", Table.COIL, 0), true)).isEqualTo(true);
        assertThat(ModbusCodec.decodeBit(bit("b", Table.DISCRETE_INPUT, 0), false)).isEqualTo(false);
        assertThat(decode(DataType.BOOL, WordOrder.BIG, 0x0100)).isEqualTo(true);
        assertThat(decode(DataType.BOOL, WordOrder.BIG, 0)).isEqualTo(false);
    }

    /** Values are read at their offset inside a block. */
    @Test
    void decodesAtOffsetInsideABlock() throws CodecException {
        PlannedPoint p = reg("x", DataType.UINT32, WordOrder.BIG, 1, 0);
        assertThat(ModbusCodec.decode(p, new int[] {9, 9, 0, 5, 9}, 2)).isEqualTo(5.0);
        assertThatThrownBy(() -> ModbusCodec.decode(p, new int[] {9, 9, 0}, 2))
                .isInstanceOf(CodecException.class).hasMessageContaining("needs 2 registers");
    }

    /** NaN and infinity are no measurement: the channel fails to decode instead of reporting them. */
    @Test
    void rejectsNonFiniteFloats() {
        assertThatThrownBy(() -> decode(DataType.FLOAT32, WordOrder.BIG, 0x7FC0, 0x0000))
                .isInstanceOf(CodecException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> decode(DataType.FLOAT32, WordOrder.BIG, 0x7F80, 0x0000))
                .isInstanceOf(CodecException.class).hasMessageContaining("Infinity");
    }

    /** A numeric channel placed in a bit table cannot be decoded. */
    @Test
    void numericChannelInBitTableFails() {
        PlannedPoint wrong = new PlannedPoint("n", null, DataType.UINT16, Table.COIL, 0, 1, WordOrder.BIG, 1, 0);
        assertThatThrownBy(() -> ModbusCodec.decodeBit(wrong, true)).hasMessageContaining("only BOOL");
    }

    /** Encoding then decoding returns the value, for every numeric type and both word orders. */
    @ParameterizedTest
    @CsvSource({
            "INT16, BIG, -123", "INT16, LITTLE, 32767", "UINT16, BIG, 65535", "UINT16, LITTLE, 0",
            "INT32, BIG, -2000000000", "INT32, LITTLE, 123456789", "UINT32, BIG, 4294967295", "UINT32, LITTLE, 65536",
            "FLOAT32, BIG, -0.5", "FLOAT32, LITTLE, 1024.25", "FLOAT64, BIG, 3.141592653589793", "FLOAT64, LITTLE, -1e300"})
    void roundTrips(DataType type, WordOrder order, double value) throws CodecException {
        PlannedPoint p = reg("r", type, order, 1, 0);
        int[] registers = ModbusCodec.encode(p, value);
        assertThat(registers).hasSize(type.registers());
        assertThat(java.util.Arrays.stream(registers)).allMatch(r -> r >= 0 && r <= 0xFFFF);
        assertThat(ModbusCodec.decode(p, registers, 0)).isEqualTo(value);
    }

    /** Encoding inverts scale and offset and rounds integers: 25.5 °C at 0.1/-40 is raw 655. */
    @Test
    void encodesThroughScaleAndOffset() throws CodecException {
        assertThat(ModbusCodec.encode(reg("t", DataType.INT16, WordOrder.BIG, 0.1, -40), 25.5)).containsExactly(655);
        assertThat(ModbusCodec.encode(reg("t", DataType.INT16, WordOrder.BIG, 1, 0), -1)).containsExactly(0xFFFF);
        assertThat(ModbusCodec.encode(reg("w", DataType.UINT32, WordOrder.LITTLE, 1, 0), 65538)).containsExactly(2, 1);
    }

    /** Values outside the raw type's range, non-numbers and NaN are refused with the channel named. */
    @Test
    void refusesValuesThatDoNotFit() {
        assertThatThrownBy(() -> ModbusCodec.encode(reg("u", DataType.UINT16, WordOrder.BIG, 1, 0), -1))
                .isInstanceOf(CodecException.class).hasMessageContaining("channel u").hasMessageContaining("uint16");
        assertThatThrownBy(() -> ModbusCodec.encode(reg("i", DataType.INT16, WordOrder.BIG, 1, 0), 40000))
                .hasMessageContaining("int16");
        assertThatThrownBy(() -> ModbusCodec.encode(reg("i", DataType.INT16, WordOrder.BIG, 1, 0), "warm"))
                .hasMessageContaining("takes a number");
        assertThatThrownBy(() -> ModbusCodec.encode(reg("f", DataType.FLOAT32, WordOrder.BIG, 1, 0), 1e40))
                .hasMessageContaining("float32");
        assertThatThrownBy(() -> ModbusCodec.encode(reg("i", DataType.INT32, WordOrder.BIG, 1, 0), Double.NaN))
                .isInstanceOf(CodecException.class);
    }

    /** Coil values accept booleans, numbers and the usual words, and nothing else. */
    @Test
    void encodesCoilValues() throws CodecException {
        PlannedPoint siren = bit("siren", Table.COIL, 3);
        assertThat(ModbusCodec.encodeBit(siren, true)).isTrue();
        assertThat(ModbusCodec.encodeBit(siren, 0)).isFalse();
        assertThat(ModbusCodec.encodeBit(siren, "ON")).isTrue();
        assertThat(ModbusCodec.encodeBit(siren, "false")).isFalse();
        assertThatThrownBy(() -> ModbusCodec.encodeBit(siren, "loud")).hasMessageContaining("true or false");
        assertThat(ModbusCodec.encode(reg("b", Table.HOLDING_REGISTER, 0, DataType.BOOL), true)).containsExactly(1);
    }

    /** STRING registers hold two ASCII characters each, high byte first, trailing padding dropped. */
    @Test
    void stringsRoundTrip() throws CodecException {
        PlannedPoint serial = new PlannedPoint("sn", null, DataType.STRING, Table.HOLDING_REGISTER, 0, 4, WordOrder.BIG, 1, 0);
        int[] registers = ModbusCodec.encode(serial, "AB-12");
        assertThat(registers).containsExactly(0x4142, 0x2D31, 0x3200, 0);
        assertThat(ModbusCodec.decode(serial, registers, 0)).isEqualTo("AB-12");
        assertThatThrownBy(() -> ModbusCodec.encode(serial, "123456789")).hasMessageContaining("at most 8");
    }

    /** Word splitting and assembling are inverse for every width and order. */
    @ParameterizedTest
    @EnumSource(WordOrder.class)
    void splitAndAssembleAreInverse(WordOrder order) {
        long raw = 0x0123_4567_89AB_CDEFL;
        assertThat(ModbusCodec.assemble(ModbusCodec.split(raw, 4, order), 0, 4, order)).isEqualTo(raw);
        assertThat(ModbusCodec.assemble(ModbusCodec.split(raw & 0xFFFF_FFFFL, 2, order), 0, 2, order)).isEqualTo(raw & 0xFFFF_FFFFL);
    }
}
