package io.onegrid.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The value-transform keys (byteOrder, bit, enum, CoAP scale/offset) load into the model and are checked with their line. */
class ValueKeysLoaderTest {
    private static final String MODBUS = """
            id: gas-head
            name: Gas detector head
            category: gas
            protocol: modbus-rtu
            channels:
              - id: gas
                unit: "%LEL"
                type: float32
                modbus: {table: input, address: 0, byteOrder: little}
              - id: state
                type: uint16
                enum: {0: normal, 1: low-alarm, 2: high-alarm, 3: fault}
                modbus: {table: input, address: 2}
              - id: sensor-fault
                type: bool
                modbus: {table: input, address: 3, bit: 4}
            """;

    private static final String COAP = """
            id: env
            name: Environment sensor
            category: environment
            protocol: coap
            channels:
              - id: temperature
                unit: °C
                type: float32
                coap: {path: /env, contentFormat: 60, observe: true, pointer: /t, scale: 0.01, offset: 0}
            """;

    /** Byte order, a status bit, enum labels and a CoAP scale reach the model as written. */
    @Test
    void keysReachTheModel() {
        DeviceProfile p = ProfileLoader.parse("gas.yaml", MODBUS);
        assertThat(p.channel("gas").orElseThrow().modbus().byteOrder()).isEqualTo(ModbusPoint.ByteOrder.LITTLE);
        assertThat(p.channel("state").orElseThrow().labels()).containsExactlyInAnyOrderEntriesOf(
                Map.of(0L, "normal", 1L, "low-alarm", 2L, "high-alarm", 3L, "fault"));
        assertThat(p.channel("sensor-fault").orElseThrow().modbus().bit()).isEqualTo(4);
        assertThat(p.channel("gas").orElseThrow().modbus().bit()).isEqualTo(-1);
        CoapPoint coap = ProfileLoader.parse("env.yaml", COAP).channel("temperature").orElseThrow().coap();
        assertThat(coap.scale()).isEqualTo(0.01);
        assertThat(coap.pointer()).isEqualTo("/t");
    }

    /** A bit on a non-bool channel, labels on a float, duplicate labels and a non-integer code are each reported at their line. */
    @Test
    void mistakesAreReportedAtTheirLine() {
        String broken = MODBUS
                .replace("modbus: {table: input, address: 0, byteOrder: little}", "modbus: {table: input, address: 0, bit: 2}")
                .replace("enum: {0: normal, 1: low-alarm, 2: high-alarm, 3: fault}", "enum: {0: normal, one: low-alarm, 2: normal}");
        ProfileException e = catchThrowableOfType(ProfileException.class, () -> ProfileLoader.parse("gas.yaml", broken));
        assertThat(e).isNotNull();
        assertThat(e.allProblems()).hasSize(3);
        assertThat(e.allProblems().get(0).getMessage()).startsWith("gas.yaml:9:").contains("'bit'").contains("needs type bool");
        assertThat(e.allProblems().get(1).getMessage()).startsWith("gas.yaml:12:").contains("'one' is not an integer code");
        assertThat(e.allProblems().get(2).getMessage()).startsWith("gas.yaml:12:").contains("label 'normal' is given to two codes");
        String floatLabels = MODBUS.replace("type: uint16", "type: float32");
        assertThat(catchThrowableOfType(ProfileException.class, () -> ProfileLoader.parse("gas.yaml", floatLabels)))
                .hasMessageContaining("labels the codes of an integer channel");
    }
}
