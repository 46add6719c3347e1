package io.onegrid.sim.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.onegrid.profile.Access;
import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DataType;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ModbusPoint;
import io.onegrid.profile.ModbusPoint.Table;
import io.onegrid.profile.ModbusPoint.WordOrder;
import io.onegrid.sim.device.SimDevice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModbusDeviceImageTest {

    private static ChannelSpec ch(String id, DataType type, Access access, Table table, int address) {
        return new ChannelSpec(id, null, null, type, access, new ModbusPoint(table, address, WordOrder.BIG, 1, 0), null, null);
    }

    private static SimDevice device() {
        DeviceProfile profile = new DeviceProfile("p", "p", "test", "test", "modbus-tcp", null, null, null, List.of(
                ch("pressure", DataType.FLOAT32, Access.READ, Table.HOLDING_REGISTER, 0),
                ch("setpoint", DataType.INT32, Access.READ_WRITE, Table.HOLDING_REGISTER, 2),
                ch("relay", DataType.BOOL, Access.WRITE, Table.COIL, 0),
                ch("status", DataType.UINT16, Access.READ, Table.INPUT_REGISTER, 10)), List.of(), "test");
        return new SimDevice("d", profile, Map.of("pressure", 0.35, "setpoint", -5, "status", 3));
    }

    /** A block read spanning several channels returns each channel's words in address order. */
    @Test
    void readsContiguousBlocks() throws Exception {
        ModbusDeviceImage image = new ModbusDeviceImage(device());
        // WHEN holding registers 0..3 are read in one request
        int[] words = image.read(Table.HOLDING_REGISTER, 0, 4);
        // THEN FLOAT32 0.35 and INT32 -5 appear, high word first
        assertThat(words).containsExactly(0x3EB3, 0x3333, 0xFFFF, 0xFFFB);
        // AND a read of only the low word of the float is allowed
        assertThat(image.read(Table.HOLDING_REGISTER, 1, 1)).containsExactly(0x3333);
        assertThat(image.read(Table.INPUT_REGISTER, 10, 1)).containsExactly(3);
    }

    /** A read touching any unmapped address is refused as a whole. */
    @Test
    void refusesUnmappedAddresses() {
        ModbusDeviceImage image = new ModbusDeviceImage(device());
        ModbusAccessException e = catchThrowableOfType(ModbusAccessException.class,
                () -> image.read(Table.HOLDING_REGISTER, 3, 2));
        assertThat(e.reason()).isEqualTo(ModbusAccessException.Reason.UNMAPPED);
        assertThat(catchThrowableOfType(ModbusAccessException.class,
                () -> image.read(Table.INPUT_REGISTER, 0, 1)).reason()).isEqualTo(ModbusAccessException.Reason.UNMAPPED);
    }

    /** Writes decode into writable channels (partial words keep the rest) and are refused on read-only ones. */
    @Test
    void writesOnlyWritableChannels() throws Exception {
        SimDevice device = device();
        ModbusDeviceImage image = new ModbusDeviceImage(device);
        // WHEN the low word of the INT32 setpoint is written with 0x0010 (high word stays 0xFFFF)
        image.write(Table.HOLDING_REGISTER, 3, new int[] {0x0010});
        // THEN the setpoint is 0xFFFF0010 as INT32
        assertThat(device.value("setpoint")).isEqualTo((double) 0xFFFF0010);
        // WHEN a coil is written
        image.write(Table.COIL, 0, new int[] {1});
        assertThat(device.value("relay")).isEqualTo(true);
        // THEN writing the read-only pressure is refused
        assertThat(catchThrowableOfType(ModbusAccessException.class,
                () -> image.write(Table.HOLDING_REGISTER, 0, new int[] {0, 0})).reason())
                .isEqualTo(ModbusAccessException.Reason.READ_ONLY);
    }
}
