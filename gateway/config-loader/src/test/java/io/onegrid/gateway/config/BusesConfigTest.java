package io.onegrid.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The buses: section and the devices on it, as the parser reads and checks them. */
class BusesConfigTest {
    /** Line 8 is bus riser-a's first key, line 16 riser-b's; the gas detectors are devices on lines 21 and 27. */
    static final String FILE = """
            gateway: {id: gw-rtu-1}
            hub: {uri: 'tcp://127.0.0.1:1883'}
            storage: {dir: ./run}
            profiles:
              directory: profiles
            buses:
              - name: riser-a
                kind: rtu
                port: /dev/ttyUSB0
                baud: 19200
                parity: even
                timeoutMs: 500
                retries: 2
                maxRegisters: 60
              - name: riser-b
                kind: rtu-tcp
                host: 10.0.3.20
                tcpPort: 4001
            devices:
              - id: gas-1
                profile: gas-detector-rtu
                bus: riser-a
                unitId: 3
                site: bldg-7
                overrides: {gas-high.above: 20}
              - id: gas-2
                profile: gas-detector-rtu
                bus: riser-b
                unitId: 3
                site: bldg-7
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void profiles() throws Exception {
        FieldProfiles.writeTo(dir.resolve("profiles"));
    }

    private GatewayConfig parse(String yaml) throws ConfigException {
        return new GatewayConfigParser(dir).parse("gw.yaml", yaml);
    }

    private ConfigException refused(String yaml) {
        ConfigException e = catchThrowableOfType(() -> parse(yaml), ConfigException.class);
        assertThat(e).as("a ConfigException for:\n" + yaml).isNotNull();
        return e;
    }

    /**
     * GIVEN a serial bus and a serial-server bus with one gas detector each WHEN parsed THEN both buses keep what
     * the file sets (the rest null, for the driver's defaults) and each device is on its bus at its unit id.
     */
    @Test
    void readsBusesAndTheDevicesOnThem() throws Exception {
        GatewayConfig c = parse(FILE);

        assertThat(c.buses()).containsExactly(
                new GatewayConfig.Bus("riser-a", "rtu", "/dev/ttyUSB0", null, null, 19200, "even", null, null, 500, 2,
                        null, 60, null),
                new GatewayConfig.Bus("riser-b", "rtu-tcp", null, "10.0.3.20", 4001, null, null, null, null, null, null,
                        null, null, null));
        assertThat(c.device("gas-1").orElseThrow()).extracting(GatewayConfig.Device::bus, GatewayConfig.Device::address)
                .containsExactly("riser-a", "3");
        assertThat(c.device("gas-2").orElseThrow()).extracting(GatewayConfig.Device::bus, GatewayConfig.Device::address)
                .containsExactly("riser-b", "3");
    }

    /** GIVEN timeouts in the duration syntax WHEN parsed THEN they are the same milliseconds as the bare numbers. */
    @Test
    void busTimesTakeDurations() throws Exception {
        GatewayConfig c = parse(FILE.replace("timeoutMs: 500", "timeoutMs: 1s\n    frameGapMs: 20ms"));

        assertThat(c.buses().get(0).timeoutMs()).isEqualTo(1000);
        assertThat(c.buses().get(0).frameGapMs()).isEqualTo(20);
    }

    static Stream<Arguments> badBuses() {
        return Stream.of(
                Arguments.of("kind: rtu\n", "kind: rs485\n",
                        "gw.yaml:8:11: 'kind' in bus 'riser-a' must be one of rtu, rtu-tcp, got 'rs485'"),
                Arguments.of("    port: /dev/ttyUSB0\n", "",
                        "gw.yaml:7:5: bus 'riser-a' needs 'port'"),
                Arguments.of("port: /dev/ttyUSB0", "port: ttyUSB0",
                        "gw.yaml:9:11: bus 'riser-a': port 'ttyUSB0' must be a serial device path"),
                Arguments.of("port: /dev/ttyUSB0", "port: /dev/ttyUSB0\n    host: 10.0.0.1",
                        "gw.yaml:10:11: bus 'riser-a': 'host' is not used by a bus of kind rtu"),
                Arguments.of("    tcpPort: 4001\n", "",
                        "gw.yaml:15:5: bus 'riser-b' has no 'tcpPort'; it needs a TCP port from 1 to 65535"),
                Arguments.of("tcpPort: 4001", "tcpPort: 70000",
                        "gw.yaml:18:14: 'tcpPort' in bus 'riser-b' must be a TCP port from 1 to 65535, got '70000'"),
                Arguments.of("baud: 19200", "baud: 19201",
                        "gw.yaml:10:11: 'baud' in bus 'riser-a' must be one of 1200, 2400, 4800, 9600, 19200, 38400,"
                                + " 57600, 115200, got '19201'; did you mean '19200'?"),
                Arguments.of("parity: even", "parity: E",
                        "gw.yaml:11:13: 'parity' in bus 'riser-a' must be one of none, even, odd, got 'E'"),
                Arguments.of("retries: 2", "retries: 2\n    dataBits: 9",
                        "gw.yaml:14:15: 'dataBits' in bus 'riser-a' must be one of 7, 8, got '9'"),
                Arguments.of("retries: 2", "retries: 2\n    stopBits: 3",
                        "gw.yaml:14:15: 'stopBits' in bus 'riser-a' must be one of 1, 2, got '3'"),
                Arguments.of("timeoutMs: 500", "timeoutMs: 2m",
                        "gw.yaml:12:16: bus 'riser-a'.timeoutMs must be a whole number of milliseconds from 10 to 60000"),
                Arguments.of("timeoutMs: 500", "timeoutMs: 5",
                        "gw.yaml:12:16: bus 'riser-a'.timeoutMs must be a whole number of milliseconds from 10 to 60000"),
                Arguments.of("retries: 2", "retries: 9",
                        "gw.yaml:13:14: 'retries' in bus 'riser-a' must be a whole number of re-sends from 0 to 5"),
                Arguments.of("maxRegisters: 60", "maxRegisters: 126",
                        "gw.yaml:14:19: 'maxRegisters' in bus 'riser-a' must be a whole number from 1 to 125"),
                Arguments.of("name: riser-b", "name: riser-a",
                        "gw.yaml:15:11: bus name 'riser-a' is used twice (first on line 7)"),
                Arguments.of("name: riser-a", "name: riser a",
                        "gw.yaml:7:11: bus 'riser a'.name 'riser a' may use only letters, digits"),
                Arguments.of("name: riser-b", "name: gpio",
                        "gw.yaml:15:11: bus name 'gpio' is reserved"),
                Arguments.of("kind: rtu-tcp\n    host: 10.0.3.20\n    tcpPort: 4001\n", "kind: rtu\n    port: /dev/ttyUSB0\n",
                        "gw.yaml:17:11: bus 'riser-b': serial port /dev/ttyUSB0 is already used by bus 'riser-a' (line 9)"),
                Arguments.of("buses:\n", "buses: riser-a\nnothing:\n",
                        "gw.yaml:6:8: 'buses' in the file must be a list of buses"));
    }

    /**
     * GIVEN one wrong bus setting WHEN parsed THEN the file is refused with the line and column of the value and a
     * sentence saying what is allowed.
     */
    @ParameterizedTest
    @MethodSource("badBuses")
    void refusesABadBusAtItsLine(String from, String to, String expected) {
        String yaml = FILE.replace(from, to);
        assertThat(yaml).as("the test's edit applies").isNotEqualTo(FILE);

        assertThat(refused(yaml).getMessage()).contains(expected);
    }

    static Stream<Arguments> badDevicesOnBuses() {
        return Stream.of(
                Arguments.of("bus: riser-b", "bus: riser-c",
                        "gw.yaml:28:10: device 'gas-2': bus 'riser-c' is not declared under buses:; did you mean"
                                + " 'riser-a'? Declared buses: riser-a, riser-b"),
                Arguments.of("    bus: riser-b\n", "",
                        "gw.yaml:26:5: device 'gas-2' needs 'bus:' naming one of the buses declared under buses:"
                                + " (profile gas-detector-rtu speaks modbus-rtu); declared buses: riser-a, riser-b"),
                Arguments.of("bus: riser-b", "bus: riser-a",
                        "gw.yaml:29:13: device 'gas-2': unit id 3 on bus 'riser-a' is already used by device 'gas-1'"
                                + " (line 23)"),
                Arguments.of("unitId: 3\n    site: bldg-7\n    overrides", "unitId: 248\n    site: bldg-7\n    overrides",
                        "gw.yaml:23:13: 'unitId' in device 'gas-1' must be a Modbus unit id from 1 to 247"),
                Arguments.of("    unitId: 3\n    site: bldg-7\n    overrides", "    site: bldg-7\n    overrides",
                        "gw.yaml:20:5: device 'gas-1' has no 'unitId'; it needs a Modbus unit id from 1 to 247"),
                Arguments.of("unitId: 3\n    site: bldg-7\n    overrides",
                        "unitId: 3\n    address: 10.0.0.1:502/3\n    site: bldg-7\n    overrides",
                        "gw.yaml:24:14: device 'gas-1': a Modbus RTU device is reached by 'bus:' and 'unitId:', not 'address:'"));
    }

    /**
     * GIVEN a device on a bus that is not declared, without its bus or unit id, or on a unit id taken on its bus
     * WHEN parsed THEN the file is refused at that device's line, naming what is declared or who took the id.
     */
    @ParameterizedTest
    @MethodSource("badDevicesOnBuses")
    void refusesABadDeviceOnABus(String from, String to, String expected) {
        String yaml = FILE.replace(from, to);
        assertThat(yaml).as("the test's edit applies").isNotEqualTo(FILE);

        assertThat(refused(yaml).getMessage()).contains(expected);
    }

    /**
     * GIVEN a device on a bus whose profile the catalog lacks WHEN parsed THEN that is its one problem: it is not also
     * told it has no address.
     */
    @Test
    void aDeviceOnABusWithAnUnknownProfileHasOneProblem() {
        ConfigException e = refused(FILE.replace("profile: gas-detector-rtu\n    bus: riser-b", "profile: gas-detector-rtx\n    bus: riser-b"));

        assertThat(e.problems()).singleElement().extracting(ConfigProblem::message).asString()
                .contains("profile 'gas-detector-rtx' is not in the profile catalog").contains("did you mean 'gas-detector-rtu'?");
    }

    /**
     * GIVEN a file without buses: and a device naming a bus WHEN parsed THEN the error says no bus is declared,
     * at the device's bus: line.
     */
    @Test
    void aBusWithNoBusesDeclaredIsAnError() {
        String yaml = FILE.substring(0, FILE.indexOf("buses:")) + FILE.substring(FILE.indexOf("devices:"));

        assertThat(refused(yaml).getMessage())
                .contains("gw.yaml:9:10: device 'gas-1': bus 'riser-a' is not declared under buses:; no bus is declared yet");
    }

    /**
     * GIVEN a Modbus TCP device with bus: or unitId: WHEN parsed THEN both are refused: bus: names an RS-485 bus and
     * the TCP device's unit id is in its address.
     */
    @Test
    void aModbusTcpDeviceTakesNoBusNorUnitId() {
        String yaml = FILE + """
                  - id: hydrant-b7
                    profile: hydrant-pressure-modbus
                    address: 10.0.0.20:502/1
                    bus: tcp:10.0.0.20:502
                    unitId: 1
                    site: bldg-7
                """;

        ConfigException e = refused(yaml);

        assertThat(e.getMessage())
                .contains("gw.yaml:34:10: device 'hydrant-b7': 'bus:' is for Modbus RTU devices, and profile"
                        + " hydrant-pressure-modbus speaks modbus-tcp; devices behind one host:port already share one"
                        + " request queue: remove 'bus:'")
                .contains("gw.yaml:35:13: device 'hydrant-b7': 'unitId:' is for Modbus RTU devices on a bus");
        assertThat(e.problems()).hasSize(2);
    }
}
