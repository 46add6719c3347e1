package io.onegrid.profile.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.onegrid.profile.Access;
import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DataType;
import io.onegrid.profile.ModbusPoint;
import io.onegrid.profile.ModbusPoint.ByteOrder;
import io.onegrid.profile.ModbusPoint.Table;
import io.onegrid.profile.ModbusPoint.WordOrder;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shared Modbus value code: register layouts, bits and labels, the same for gateway and simulator. */
class ModbusValuesTest {

    private static ChannelSpec channel(DataType type, WordOrder words, ByteOrder bytes, double scale, double offset, int bit,
                                       Map<Long, String> labels) {
        return new ChannelSpec("c", null, "u", type, Access.READ_WRITE,
                new ModbusPoint(Table.HOLDING_REGISTER, 0, words, bytes, scale, offset, type == DataType.STRING ? 2 : 0, bit),
                null, null, labels);
    }

    private static ChannelSpec plain(DataType type, WordOrder words, ByteOrder bytes) {
        return channel(type, words, bytes, 1, 0, -1, Map.of());
    }

    /** A float32 laid out in each of the four word/byte orders meters use decodes to the same value. */
    @Test
    void everyWordAndByteOrderOfAFloat() throws ValueException {
        // GIVEN 12.5f = 0x41480000, laid out as ABCD, CDAB (word swap), BADC (byte swap) and DCBA
        int[][] layouts = {{0x4148, 0x0000}, {0x0000, 0x4148}, {0x4841, 0x0000}, {0x0000, 0x4841}};
        WordOrder[] words = {WordOrder.BIG, WordOrder.LITTLE, WordOrder.BIG, WordOrder.LITTLE};
        ByteOrder[] bytes = {ByteOrder.BIG, ByteOrder.BIG, ByteOrder.LITTLE, ByteOrder.LITTLE};
        for (int i = 0; i < layouts.length; i++) {
            // WHEN each layout is decoded with its orders
            Object value = ModbusValues.decode(plain(DataType.FLOAT32, words[i], bytes[i]), layouts[i], 0);
            // THEN every one reads 12.5
            assertThat(value).as("layout %d", i).isEqualTo(12.5);
        }
    }

    /** Encoding then decoding gives the value back for every numeric type and order (seeded random values). */
    @Test
    void roundTripsEveryTypeAndOrder() throws ValueException {
        Random random = new Random(8);
        for (DataType type : new DataType[] {DataType.INT16, DataType.UINT16, DataType.INT32, DataType.UINT32, DataType.FLOAT32, DataType.FLOAT64}) {
            for (WordOrder w : WordOrder.values()) {
                for (ByteOrder b : ByteOrder.values()) {
                    ChannelSpec c = channel(type, w, b, 0.1, -40, -1, Map.of());
                    for (int n = 0; n < 50; n++) {
                        long raw = switch (type) {
                            case INT16 -> random.nextInt(65536) - 32768;
                            case UINT16 -> random.nextInt(65536);
                            case INT32 -> random.nextInt();
                            case UINT32 -> random.nextInt() & 0xFFFF_FFFFL;
                            default -> random.nextInt(2_000_000) - 1_000_000;
                        };
                        double value = raw * 0.1 - 40;
                        Object back = ModbusValues.decode(c, ModbusValues.encode(c, value), 0);
                        assertThat((Double) back).as("%s %s %s %s", type, w, b, value).isCloseTo(value, within(1e-3 * Math.max(1, Math.abs(value)) ));
                    }
                }
            }
        }
    }

    /** A bool channel with a bit reads that bit of a status word; the other bits do not matter. */
    @Test
    void bitOfAStatusWord() throws ValueException {
        ChannelSpec bit3 = channel(DataType.BOOL, WordOrder.BIG, ByteOrder.BIG, 1, 0, 3, Map.of());
        assertThat(ModbusValues.decode(bit3, new int[] {0b1000}, 0)).isEqualTo(true);
        assertThat(ModbusValues.decode(bit3, new int[] {0xFFF7}, 0)).isEqualTo(false);
        ChannelSpec bit15 = channel(DataType.BOOL, WordOrder.BIG, ByteOrder.BIG, 1, 0, 15, Map.of());
        assertThat(ModbusValues.decode(bit15, new int[] {0x8000}, 0)).isEqualTo(true);
        // a bit cannot be written without the rest of its register
        assertThatThrownBy(() -> ModbusValues.encode(bit3, true)).hasMessageContaining("bit cannot be written");
    }

    /** An enum channel reads its label, an unknown code reads "unknown (N)", and a label writes its code. */
    @Test
    void enumLabels() throws ValueException {
        ChannelSpec state = channel(DataType.UINT16, WordOrder.BIG, ByteOrder.BIG, 1, 0, -1,
                Map.of(0L, "normal", 1L, "alarm", 2L, "fault"));
        assertThat(ModbusValues.decode(state, new int[] {1}, 0)).isEqualTo("alarm");
        assertThat(ModbusValues.decode(state, new int[] {9}, 0)).isEqualTo("unknown (9)");
        assertThat(ModbusValues.encode(state, "fault")).containsExactly(2);
        assertThatThrownBy(() -> ModbusValues.encode(state, "smoke")).hasMessageContaining("takes one of");
    }

    /** A float holding NaN (a meter's "no value") and registers missing from a short answer are errors, not readings. */
    @Test
    void noValueIsAnError() {
        ChannelSpec f = plain(DataType.FLOAT32, WordOrder.BIG, ByteOrder.BIG);
        assertThatThrownBy(() -> ModbusValues.decode(f, new int[] {0x7FC0, 0}, 0)).hasMessageContaining("no measurement");
        assertThatThrownBy(() -> ModbusValues.decode(f, new int[] {0x4148}, 0)).hasMessageContaining("needs 2 registers, got 1");
    }

    /** Strings keep their byte order too: a byte-swapped serial number reads the same as a plain one. */
    @Test
    void byteSwappedText() throws ValueException {
        ChannelSpec swapped = channel(DataType.STRING, WordOrder.BIG, ByteOrder.LITTLE, 1, 0, -1, Map.of());
        assertThat(ModbusValues.decode(swapped, new int[] {0x4241, 0x0043}, 0)).isEqualTo("ABC");
        assertThat(ModbusValues.encode(swapped, "ABC")).containsExactly(0x4241, 0x0043);
    }
}
