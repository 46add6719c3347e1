package io.onegrid.profile;

import java.time.Duration;
import org.yaml.snakeyaml.nodes.Node;

/** Reads one entry of {@code channels:}, including its Modbus, GPIO or CoAP block. */
final class ChannelReader {
    private final String protocol;
    private final Problems problems;

    /** @param protocol the profile's protocol, or null when it was missing or invalid (block checks are skipped) */
    ChannelReader(String protocol, Problems problems) {
        this.protocol = protocol;
        this.problems = problems;
    }

    /** The channel with its line, or null when it has no usable id. Fields it could not read are null. */
    Located<ChannelSpec> read(Node node, int index) {
        String peeked = Ids.peek(node);
        String where = peeked != null ? "channel '" + peeked + "'" : "channel " + (index + 1);
        YamlMap m = YamlMap.of(node, where, Keys.CHANNEL, problems);
        if (m == null) return null;
        String id = Ids.check(m, "id", m.string("id", true, Ids.HINT));
        String description = m.string("description", false, "text");
        String unit = m.string("unit", false, "a unit symbol such as MPa, mA or %LEL");
        DataType type = m.choice("type", Names.DATA_TYPES, true, null);
        Access access = m.choice("access", Names.ACCESS, false, null);
        boolean accessGiven = m.has("access");
        checkFamily(m);
        java.util.Map<Long, String> labels = labels(m, type);

        ModbusPoint modbus = null;
        GpioPoint gpio = null;
        CoapPoint coap = null;
        YamlMap mb = m.map("modbus", "the modbus block of " + where, Keys.MODBUS);
        if (mb != null) modbus = modbus(mb, type, access);
        YamlMap gp = m.map("gpio", "the gpio block of " + where, Keys.GPIO);
        if (gp != null) {
            gpio = gpio(gp, type, access, accessGiven);
            if (gpio != null && !accessGiven) {
                access = gpio.direction() == GpioPoint.Direction.OUT ? Access.WRITE : Access.READ;
            }
        }
        YamlMap cp = m.map("coap", "the coap block of " + where, Keys.COAP);
        if (cp != null) coap = coap(cp, type);
        if (access == null && !accessGiven) access = Access.READ;
        if (id == null) return null;
        return new Located<>(new ChannelSpec(id, description, unit, type, access, modbus, gpio, coap, labels), m.line());
    }

    private void checkFamily(YamlMap m) {
        if (protocol == null) return;
        String expected = protocol.startsWith("modbus") ? "modbus" : protocol;
        for (String block : new String[] {"modbus", "gpio", "coap"}) {
            if (!block.equals(expected) && m.has(block)) {
                problems.add(m.value(block), m.where() + " has a " + block + " block but the profile's protocol is "
                        + protocol + "; its channels need a " + expected + " block instead");
            }
        }
        if (!m.has(expected)) {
            String keys = String.join(", ", expected.equals("modbus") ? Keys.MODBUS : expected.equals("gpio") ? Keys.GPIO : Keys.COAP);
            problems.add(m.node(), m.where() + " has no " + expected + " block; a " + protocol
                    + " channel needs one (" + expected + ": {" + keys + "})");
        }
    }

    private ModbusPoint modbus(YamlMap m, DataType type, Access access) {
        ModbusPoint.Table table = m.choice("table", Names.TABLES, true, null);
        Integer address = m.integer("address", true, 0, 65535, "a register address from 0 to 65535 (zero-based, as on the wire)");
        ModbusPoint.WordOrder order = m.choice("wordOrder", Names.WORD_ORDERS, false, ModbusPoint.WordOrder.BIG);
        ModbusPoint.ByteOrder byteOrder = m.choice("byteOrder", Names.BYTE_ORDERS, false, ModbusPoint.ByteOrder.BIG);
        Integer bit = m.integer("bit", false, 0, 15, "a bit number from 0 (least significant) to 15 of the register");
        Double scale = m.number("scale", false, "a number (value = raw * scale + offset)");
        Double offset = m.number("offset", false, "a number (value = raw * scale + offset)");
        Integer length = m.integer("length", false, 1, 125, "the number of registers of the string, 1 to 125");
        if (scale != null && scale == 0.0) {
            m.problems().add(m.value("scale"), "'scale' in " + m.where() + " must not be 0 (every reading would be the offset)");
        }
        if (type != null) {
            if (type == DataType.STRING && length == null && !m.has("length")) {
                m.missing("length", "the number of registers a string occupies (two characters each)");
            }
            if (type != DataType.STRING && m.has("length")) {
                m.problems().add(m.value("length"), "'length' in " + m.where() + " applies to string channels only; a "
                        + Names.yaml(type) + " occupies " + type.registers() + " register(s)");
            }
            if (!isNumeric(type) && (m.has("scale") || m.has("offset"))) {
                m.problems().add(m.keyNode(m.has("scale") ? "scale" : "offset"), "'scale' and 'offset' in " + m.where()
                        + " apply to numeric channels only, not to " + Names.yaml(type));
            }
            if (m.has("bit") && (type != DataType.BOOL || (table != null && table.bitTable()))) {
                m.problems().add(m.value("bit"), "'bit' in " + m.where() + " picks one bit of a register for a bool channel;"
                        + " it needs type bool and a register table (holding or input), not " + Names.yaml(type)
                        + (table == null ? "" : " in the " + Names.yaml(table) + " table"));
            }
            if (table != null && table.bitTable() && type != DataType.BOOL) {
                m.problems().add(m.value("table"), "a " + Names.yaml(type) + " value cannot live in the " + Names.yaml(table)
                        + " table (" + m.where() + "); coils and discrete inputs hold single bits, so use type bool or a register table");
            }
        }
        if (table != null && access != null && access.writable() && !table.writable()) {
            m.problems().add(m.value("table"), "the " + Names.yaml(table) + " table is read-only but " + m.where()
                    + " has access " + Names.yaml(access) + "; writable channels live in holding registers or coils");
        }
        if (table == null || address == null || order == null || byteOrder == null) return null;
        ModbusPoint point = new ModbusPoint(table, address, order, byteOrder, scale == null ? 1.0 : scale,
                offset == null ? 0.0 : offset, length == null ? 0 : length, bit == null ? -1 : bit);
        if (type != null && point.lastAddress(type) > 65535) {
            m.problems().add(m.value("address"), m.where() + " runs past the last address 65535: a " + Names.yaml(type)
                    + " at " + address + " occupies " + point.count(type) + " registers");
        }
        return point;
    }

    private GpioPoint gpio(YamlMap m, DataType type, Access access, boolean accessGiven) {
        GpioPoint.Direction dir = m.choice("direction", Names.DIRECTIONS, true, null);
        GpioPoint.Pull pull = m.choice("pull", Names.PULLS, false, GpioPoint.Pull.NONE);
        GpioPoint.Level level = m.choice("activeLevel", Names.LEVELS, false, GpioPoint.Level.HIGH);
        Duration debounce = m.duration("debounce", false, false);
        if (type != null && type != DataType.BOOL) {
            m.problems().add(m.node(), "a gpio line carries one bit, so " + m.where().replace("the gpio block of ", "")
                    + " must have type bool, not " + Names.yaml(type));
        }
        if (dir == GpioPoint.Direction.OUT) {
            if (m.has("pull")) m.problems().add(m.value("pull"), "'pull' in " + m.where() + " applies to inputs only; remove it from this output");
            if (m.has("debounce")) m.problems().add(m.value("debounce"), "'debounce' in " + m.where() + " applies to inputs only; remove it from this output");
            if (accessGiven && access == Access.READ) {
                m.problems().add(m.node(), "an output line is written by the gateway, so it needs access write (or read-write), not read ("
                        + m.where() + ")");
            }
        }
        if (dir == GpioPoint.Direction.IN && accessGiven && access != null && access.writable()) {
            m.problems().add(m.node(), "an input line cannot be written, so it needs access read, not "
                    + Names.yaml(access) + " (" + m.where() + ")");
        }
        if (dir == null || pull == null || level == null) return null;
        return new GpioPoint(dir, pull, level, debounce == null ? Duration.ZERO : debounce);
    }

    private CoapPoint coap(YamlMap m, DataType type) {
        String path = m.string("path", true, "a resource path starting with '/', such as /sensors/temperature");
        Integer format = m.integer("contentFormat", false, 0, 65535, "a CoAP content-format number (0 text/plain, 50 application/json, 60 application/cbor)");
        Boolean observe = m.bool("observe", false, "true or false");
        String pointer = m.string("pointer", false, "a JSON pointer such as /temperature");
        Double scale = m.number("scale", false, "a number (value = raw * scale + offset)");
        Double offset = m.number("offset", false, "a number (value = raw * scale + offset)");
        if (scale != null && scale == 0.0) {
            m.problems().add(m.value("scale"), "'scale' in " + m.where() + " must not be 0 (every reading would be the offset)");
        }
        if (type != null && !isNumeric(type) && (m.has("scale") || m.has("offset"))) {
            m.problems().add(m.keyNode(m.has("scale") ? "scale" : "offset"), "'scale' and 'offset' in " + m.where()
                    + " apply to numeric channels only, not to " + Names.yaml(type));
        }
        if (path != null && !path.startsWith("/")) {
            m.problems().add(m.value("path"), "'path' in " + m.where() + " must start with '/', got '" + path + "'");
        }
        if (pointer != null && !pointer.startsWith("/")) {
            m.problems().add(m.value("pointer"), "'pointer' in " + m.where() + " must be a JSON pointer starting with '/', got '" + pointer + "'");
        }
        int cf = format == null ? 0 : format;
        if (pointer != null && cf != 50 && cf != 60) {
            m.problems().add(m.value("pointer"), "'pointer' in " + m.where()
                    + " needs a structured payload: contentFormat 50 (application/json) or 60 (application/cbor), not " + cf);
        }
        if (path == null) return null;
        return new CoapPoint(path, cf, observe != null && observe, pointer, scale == null ? 1.0 : scale,
                offset == null ? 0.0 : offset);
    }

    /** {@code enum: {0: normal, 1: alarm}}: labels for the raw codes of an integer channel. */
    private static java.util.Map<Long, String> labels(YamlMap m, DataType type) {
        Node node = m.value("enum");
        if (node == null) return java.util.Map.of();
        String what = "an enum map of raw codes to labels, such as {0: normal, 1: alarm, 2: fault}";
        if (!(node instanceof org.yaml.snakeyaml.nodes.MappingNode map)) {
            m.wrong("enum", node, what);
            return java.util.Map.of();
        }
        if (type != null && type != DataType.INT16 && type != DataType.UINT16 && type != DataType.INT32 && type != DataType.UINT32) {
            m.problems().add(node, "'enum' in " + m.where() + " labels the codes of an integer channel (int16, uint16, int32,"
                    + " uint32), not of a " + Names.yaml(type) + " channel");
        }
        java.util.Map<Long, String> labels = new java.util.LinkedHashMap<>();
        for (org.yaml.snakeyaml.nodes.NodeTuple t : map.getValue()) {
            java.util.Optional<Long> code = Scalars.integer(t.getKeyNode());
            String label = t.getValueNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode s ? s.getValue().trim() : "";
            boolean text = t.getValueNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode s
                    && (s.getTag().equals(org.yaml.snakeyaml.nodes.Tag.STR) || s.getTag().equals(org.yaml.snakeyaml.nodes.Tag.TIMESTAMP));
            if (code.isPresent() && !label.isEmpty() && !text) {
                // YAML reads on/off/yes/no as booleans and 1 as a number: a label must be text, as the schema says
                m.problems().add(t.getValueNode(), "'enum' in " + m.where() + ": the label of code " + code.get() + " must be"
                        + " text, got " + YamlMap.describe(t.getValueNode()) + "; quote it (\"" + label + "\")");
            } else if (code.isEmpty()) {
                m.problems().add(t.getKeyNode(), "'enum' in " + m.where() + ": key " + YamlMap.describe(t.getKeyNode())
                        + " is not an integer code; " + what);
            } else if (label.isEmpty()) {
                m.problems().add(t.getValueNode(), "'enum' in " + m.where() + ": code " + code.get() + " needs a label text");
            } else if (labels.containsValue(label)) {
                m.problems().add(t.getValueNode(), "'enum' in " + m.where() + ": label '" + label + "' is given to two codes;"
                        + " labels must be unique so a write knows which code to send");
            } else if (labels.put(code.get(), label) != null) {
                m.problems().add(t.getKeyNode(), "'enum' in " + m.where() + ": code " + code.get() + " is given twice");
            }
        }
        return labels;
    }

    static boolean isNumeric(DataType type) {
        return type != DataType.BOOL && type != DataType.STRING;
    }
}
