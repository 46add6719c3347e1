package io.onegrid.profile.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.onegrid.profile.ProfileException;
import io.onegrid.profile.YamlDocument;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published schema, run by the real validator over YAML nodes, reports at the right line and column with what is allowed. */
class ProfileSchemaTest {
    private static final Path SHIPPED = Path.of("src/main/resources/profiles");
    private static final YamlDocument YAML = new YamlDocument("profile", 1 << 20, 20, 100_000, false);

    private static List<ProfileException> check(String yaml) {
        return ProfileSchema.published().check("t.yaml", YAML.compose("t.yaml", yaml));
    }

    private static String hydrant() throws IOException {
        return Files.readString(SHIPPED.resolve("hydrant-pressure-modbus.yaml"));
    }

    /** Every shipped profile conforms to the schema. */
    @Test
    void shippedProfilesConform() throws IOException {
        try (var files = Files.list(SHIPPED)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                assertThat(check(Files.readString(f))).as(f.toString()).isEmpty();
            }
        }
    }

    /** A value outside an enumeration is reported at the value, with the allowed values from the schema. */
    @Test
    void enumErrorPointsAtTheValue() throws IOException {
        List<ProfileException> problems = check(hydrant().replace("type: float32", "type: float33"));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(16);
            assertThat(p.column()).isEqualTo(11);
            assertThat(p.problem()).isEqualTo("channels[0].type is 'float33', which is not one of its values (allowed: bool,"
                    + " int16, uint16, int32, uint32, float32, float64, string)");
        });
    }

    /** An unknown key is reported at the key itself, with the keys the block allows. */
    @Test
    void unknownKeyPointsAtTheKey() throws IOException {
        List<ProfileException> problems = check(hydrant().replace("{table: input, address: 10}", "{table: input, adress: 10}"));

        assertThat(problems).extracting(ProfileException::problem).contains(
                "unknown key 'adress' in channels[1].modbus (allowed: table, address, wordOrder, byteOrder, bit, scale, offset,"
                        + " length)",
                "channels[1].modbus has no 'address' (required there: table, address)");
        assertThat(problems).extracting(ProfileException::line).containsOnly(21);
    }

    /** Types, ranges, durations and kind-specific keys each say what is allowed, from the schema's own words. */
    @Test
    void eachKindOfErrorSaysWhatIsAllowed() throws IOException {
        List<ProfileException> problems = check(hydrant().replace("name: Hydrant", "name: 12\nx: Hydrant")
                .replace("interval: 5s", "interval: 0s").replace("deadband: {pressure: 0.01}", "deadband: {pressure: -1}")
                .replace("below: 0.10", "below: '0.10'\n    equals: 3"));

        assertThat(problems).extracting(p -> p.line() + ":" + p.column() + " " + p.problem()).containsExactly(
                "6:7 name is a whole number '12' (allowed: text)",
                "7:1 unknown key 'x' in the profile (allowed: id, name, category, manufacturer, protocol, poll, report,"
                        + " channels, alarms)",
                "11:18 poll.interval is '0s', which is not allowed here (allowed: a duration longer than zero: 250ms, 30s,"
                        + " 5m, 1h, 1h30m, 2d)",
                "12:46 report.deadband.pressure is '-1', out of range (allowed: 0 or more)",
                "27:12 alarms[0].below is text '0.10' (allowed: a number)",
                "28:5 key 'equals' is not allowed in alarms[0] (allowed: id, kind, severity, caseType, message, actions,"
                        + " channel, above, below, hysteresis, minDuration)");
    }

    /** A threshold rule with neither limit is told which keys would satisfy it. */
    @Test
    void anyOfNamesTheAlternatives() throws IOException {
        List<ProfileException> problems = check(hydrant().replace("    below: 0.10\n", ""));

        assertThat(problems).extracting(ProfileException::problem)
                .containsExactly("alarms[0] has none of 'above', 'below' (allowed: at least one of them)");
    }

    /** Enum codes are read as the loader reads them: a hexadecimal code is a code, a word is not. */
    @Test
    void enumCodesAreIntegers() throws IOException {
        String status = "    type: uint16\n    enum: {0x00: normal, 0x10: fault}\n";

        assertThat(check(hydrant().replace("    type: uint16\n", status))).isEmpty();
        assertThat(check(hydrant().replace("    type: uint16\n", status.replace("0x10", "high"))))
                .extracting(ProfileException::problem).singleElement().asString().startsWith("key 'high' is not allowed in channels[1].enum");
    }

    /**
     * A schema whose $ref points at a server is refused without a single connection to it: the validator
     * reads the classpath schema only.
     */
    @Test
    void neverFetchesReferences() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String remote = "http://127.0.0.1:" + server.getLocalPort() + "/other.json";
            String schema = "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"$id\": \"urn:test\","
                    + " \"properties\": {\"id\": {\"$ref\": \"" + remote + "\"}}}";

            Throwable thrown = catchThrowable(() -> ProfileSchema.of("urn:test", schema)
                    .check("t.yaml", YAML.compose("t.yaml", "id: x")));

            assertThat(thrown).as("the unresolvable $ref is an error").isNotNull();
            server.setSoTimeout(200);
            assertThat(catchThrowable(server::accept)).as("nobody connected").isInstanceOf(SocketTimeoutException.class);
        }
    }
}
