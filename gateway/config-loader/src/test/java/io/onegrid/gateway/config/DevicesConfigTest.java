package io.onegrid.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Devices checked against their profiles: the catalog, strict overrides and the CoAP address forms. */
class DevicesConfigTest {
    /** The hydrant's overrides are on lines 12 and 13, the CoAP sensor's address on line 16. */
    private static final String FILE = """
            gateway: {id: gw-1}
            hub: {uri: 'tcp://127.0.0.1:1883'}
            storage: {dir: ./run}
            profiles: {directory: profiles}
            devices:
              - id: hydrant-b7
                profile: hydrant-pressure-modbus
                address: 10.0.0.20:502/1
                site: bldg-7
                overrides:
                  low-pressure.below: 0.10
                  low-pressure.minDuration: 60s
              - id: air-lobby
                profile: environment-coap
                address: coap://10.0.4.7
                site: bldg-7
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void profiles() throws Exception {
        FieldProfiles.writeTo(dir.resolve("profiles"));
        Files.writeString(dir.resolve("lobby.psk"), "secret-key\n");
    }

    private GatewayConfig parse(String yaml) throws ConfigException {
        return new GatewayConfigParser(dir).parse("gw.yaml", yaml);
    }

    private ConfigException refused(String yaml) {
        ConfigException e = catchThrowableOfType(() -> parse(yaml), ConfigException.class);
        assertThat(e).as("a ConfigException for:\n" + yaml).isNotNull();
        return e;
    }

    /** GIVEN overrides the profile's rules accept WHEN parsed THEN they are passed on exactly as written. */
    @Test
    void passesGoodOverridesOnAsWritten() throws Exception {
        assertThat(parse(FILE).device("hydrant-b7").orElseThrow().overrides())
                .containsExactly("low-pressure.below=0.10", "low-pressure.minDuration=60s");
    }

    static Stream<Arguments> badOverrides() {
        return Stream.of(
                Arguments.of("low-pressure.below: 0.10", "low-presure.below: 0.10",
                        "gw.yaml:11:7: device 'hydrant-b7': override 'low-presure.below' names unknown rule 'low-presure'"
                                + " of profile hydrant-pressure-modbus; did you mean 'low-pressure'?"),
                Arguments.of("low-pressure.below: 0.10", "low-pressure.belo: 0.10",
                        "gw.yaml:11:7: device 'hydrant-b7': override 'low-pressure.belo': a threshold rule has no"
                                + " parameter 'belo'; did you mean 'below'?"),
                Arguments.of("low-pressure.below: 0.10", "low-pressure.below: low",
                        "gw.yaml:11:7: device 'hydrant-b7': override 'low-pressure.below' must be a number, got 'low'"),
                Arguments.of("low-pressure.minDuration: 60s", "low-pressure.minDuration: 60 seconds",
                        "gw.yaml:12:7: device 'hydrant-b7': override 'low-pressure.minDuration' must be a duration"),
                Arguments.of("low-pressure.minDuration: 60s", "low-pressure.below: 0.2",
                        "gw.yaml:12:7: device 'hydrant-b7': override 'low-pressure.below' appears twice (first on line 11)"),
                Arguments.of("low-pressure.below: 0.10", "low-pressure.below:",
                        "gw.yaml:11:26: device 'hydrant-b7': override 'low-pressure.below' needs a value"));
    }

    /**
     * GIVEN an override with a wrong rule id, a wrong parameter, a bad value, a duplicate or no value WHEN the file
     * is loaded THEN it is refused by the strict interpreter at the override's line, saying what the profile allows.
     */
    @ParameterizedTest
    @MethodSource("badOverrides")
    void refusesABadOverrideAtItsLine(String from, String to, String expected) {
        String yaml = FILE.replace(from, to);
        assertThat(yaml).as("the test's edit applies").isNotEqualTo(FILE);

        assertThat(refused(yaml).getMessage()).contains(expected);
    }

    /**
     * GIVEN overrides that are each fine but together leave the rule unusable WHEN loaded THEN the file is refused
     * at the overrides: line with the strict interpreter's reason.
     */
    @Test
    void refusesOverridesThatTogetherBreakTheRule() {
        String yaml = FILE.replace("low-pressure.minDuration: 60s", "low-pressure.hysteresis: -1");

        assertThat(refused(yaml).getMessage()).contains("gw.yaml:11:7: device 'hydrant-b7': after overrides,");
    }

    /** GIVEN a profile id the catalog does not have WHEN loaded THEN the error names the close one. */
    @Test
    void refusesAProfileTheCatalogDoesNotHave() {
        String yaml = FILE.replace("profile: hydrant-pressure-modbus", "profile: hydrant-presure-modbus");

        assertThat(refused(yaml).getMessage()).contains("gw.yaml:7:14: device 'hydrant-b7': profile"
                + " 'hydrant-presure-modbus' is not in the profile catalog (shipped profiles and profiles.directory);"
                + " did you mean 'hydrant-pressure-modbus'?");
    }

    /**
     * GIVEN a device whose profile file in profiles.directory is broken WHEN loaded THEN the error says that file
     * was rejected and why, instead of only "not in the catalog".
     */
    @Test
    void namesTheRejectedProfileFile() throws Exception {
        Files.writeString(dir.resolve("profiles/environment-coap.yaml"), "id: environment-coap\nprotocol: zigbee\n");

        assertThat(refused(FILE).getMessage()).contains("gw.yaml:14:14: device 'air-lobby': profile 'environment-coap'"
                + " is not in the profile catalog (shipped profiles and profiles.directory); its file was rejected: ");
    }

    /** GIVEN coap:// and coaps:// addresses of the allowed forms WHEN loaded THEN they are kept as written. */
    @Test
    void acceptsCoapAddresses() throws Exception {
        for (String address : new String[] {"coap://10.0.4.7", "coap://sensor.local:5683", "coap://[fd00::7]:5683",
                "coaps://10.0.4.7:5684?psk-id=air-lobby&psk-file=lobby.psk",
                "coaps://10.0.4.7?psk-file=" + dir.resolve("lobby.psk") + "&psk-id=a%20b"}) {
            GatewayConfig c = parse(FILE.replace("address: coap://10.0.4.7", "address: '" + address + "'"));

            assertThat(c.device("air-lobby").orElseThrow().address()).isEqualTo(address);
        }
    }

    static Stream<Arguments> badCoapAddresses() {
        return Stream.of(
                Arguments.of("10.0.4.7:5683", "gw.yaml:15:14: device 'air-lobby': address '10.0.4.7:5683' must be a CoAP URI"),
                Arguments.of("http://10.0.4.7", "must be a CoAP URI (coap://host[:port], or coaps://host[:port]?psk-id=ID&psk-file=PATH"),
                Arguments.of("coap://10.0.4.7:99999", "port 99999 in address is out of range 1..65535"),
                Arguments.of("coap://10.0.4.7/sensors/co2", "must name only the device; the profile's channels give the resource paths"),
                Arguments.of("coap://10.0.4.7?psk-id=a", "takes no query; psk-id and psk-file are for coaps://"),
                Arguments.of("coaps://10.0.4.7", "must end in ?psk-id=ID&psk-file=PATH"),
                Arguments.of("coaps://10.0.4.7?psk-id=a&psk-file=lobby.psk&x=1", "must end in ?psk-id=ID&psk-file=PATH"),
                Arguments.of("coaps://10.0.4.7?psk-id=a&psk-file=missing.psk", "psk-file " + "%s/missing.psk does not exist"),
                Arguments.of("coaps://10.0.4.7?psk-id=a&psk-file=empty.psk", "psk-file %s/empty.psk is empty or not a file"));
    }

    /**
     * GIVEN a CoAP device address that is not coap://host[:port] nor coaps://...?psk-id=ID&amp;psk-file=PATH with an
     * existing key file WHEN loaded THEN it is refused at the address's line, showing the allowed forms.
     */
    @ParameterizedTest
    @MethodSource("badCoapAddresses")
    void refusesABadCoapAddress(String address, String expected) throws Exception {
        Files.writeString(dir.resolve("empty.psk"), "");

        ConfigException e = refused(FILE.replace("address: coap://10.0.4.7", "address: '" + address + "'"));

        assertThat(e.getMessage()).contains(expected.formatted(dir.toAbsolutePath()));
        assertThat(e.problems()).singleElement().extracting(ConfigProblem::line).isEqualTo(15);
    }

    /** GIVEN a GPIO profile with a Modbus TCP address WHEN loaded THEN the address is checked in the profile's form. */
    @Test
    void checksTheAddressInTheProfilesForm() {
        String yaml = FILE.replace("address: 10.0.0.20:502/1", "address: smoke=17");

        assertThat(refused(yaml).getMessage()).contains("gw.yaml:8:14: device 'hydrant-b7': address 'smoke=17' must be"
                + " host:port/unit for Modbus TCP (e.g. 127.0.0.1:5020/1)");
    }
}
