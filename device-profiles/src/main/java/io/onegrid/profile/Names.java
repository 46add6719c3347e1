package io.onegrid.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The YAML spelling of every enumerated value: lower case with hyphens ("read-write", "comm-fault"),
 * except Modbus tables, which use the short names installers know from register maps.
 */
final class Names {
    static final Map<String, String> PROTOCOLS = ordered("modbus-tcp", "modbus-tcp", "modbus-rtu", "modbus-rtu",
            "coap", "coap", "gpio", "gpio");
    static final Map<String, DataType> DATA_TYPES = of(DataType.class);
    static final Map<String, Access> ACCESS = of(Access.class);
    static final Map<String, Severity> SEVERITIES = of(Severity.class);
    static final Map<String, RuleKind> RULE_KINDS = of(RuleKind.class);
    static final Map<String, ModbusPoint.WordOrder> WORD_ORDERS = of(ModbusPoint.WordOrder.class);
    static final Map<String, ModbusPoint.ByteOrder> BYTE_ORDERS = of(ModbusPoint.ByteOrder.class);
    static final Map<String, GpioPoint.Direction> DIRECTIONS = of(GpioPoint.Direction.class);
    static final Map<String, GpioPoint.Pull> PULLS = of(GpioPoint.Pull.class);
    static final Map<String, GpioPoint.Level> LEVELS = of(GpioPoint.Level.class);
    static final Map<String, ModbusPoint.Table> TABLES = ordered("holding", ModbusPoint.Table.HOLDING_REGISTER,
            "input", ModbusPoint.Table.INPUT_REGISTER, "coil", ModbusPoint.Table.COIL,
            "discrete-input", ModbusPoint.Table.DISCRETE_INPUT);

    private Names() { }

    static String yaml(Enum<?> value) {
        if (value instanceof ModbusPoint.Table t) {
            return TABLES.entrySet().stream().filter(e -> e.getValue() == t).findFirst().orElseThrow().getKey();
        }
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static <E extends Enum<E>> Map<String, E> of(Class<E> type) {
        Map<String, E> m = new LinkedHashMap<>();
        for (E e : type.getEnumConstants()) m.put(e.name().toLowerCase(Locale.ROOT).replace('_', '-'), e);
        return Collections.unmodifiableMap(m);
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        return Collections.unmodifiableMap(m);
    }
}
