package io.onegrid.driver.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusConfigTest {
    /**
     * The bus configuration's keys, types and defaults are the ones the gateway's config loader writes (the shared
     * contract for buses:), so a renamed or retyped attribute fails here rather than as a bus that silently keeps its
     * default.
     */
    @Test
    void attributesAreTheContractsKeys() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", null);
        expected.put("kind", "rtu");
        expected.put("port", "");
        expected.put("host", "");
        expected.put("tcpPort", 0);
        expected.put("baud", 9600);
        expected.put("parity", "none");
        expected.put("dataBits", 8);
        expected.put("stopBits", 1);
        expected.put("timeoutMs", 1000);
        expected.put("retries", 1);
        expected.put("frameGapMs", 0);
        expected.put("maxRegisters", 125);
        expected.put("maxGapRegisters", 8);

        Map<String, Object> actual = new LinkedHashMap<>();
        for (Method m : BusConfig.class.getDeclaredMethods()) {
            actual.put(m.getName(), m.getDefaultValue());
        }
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(Arrays.stream(BusConfig.class.getDeclaredMethods()).filter(m -> m.getReturnType() == int.class)
                .map(Method::getName)).containsExactlyInAnyOrder("tcpPort", "baud", "dataBits", "stopBits", "timeoutMs",
                "retries", "frameGapMs", "maxRegisters", "maxGapRegisters");
        assertThat(ModbusBusComponent.FACTORY_PID).isEqualTo("io.onegrid.driver.modbus.bus");
    }
}
