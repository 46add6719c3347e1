package io.onegrid.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The loader turns valid YAML into the model and reports each kind of mistake with file, line and a sentence. */
class ProfileLoaderTest {
    static final String FILE = "test-profile.yaml";

    static final String MODBUS = """
            id: pump-pressure
            name: Pump pressure
            category: hydrant-pressure
            protocol: modbus-tcp
            poll: {interval: 5s, timeout: 1s}
            report: {heartbeat: 5m, deadband: {pressure: 0.01}}
            channels:
              - id: pressure
                unit: MPa
                type: float32
                modbus: {table: holding, address: 0, wordOrder: little, scale: 0.001, offset: -0.1}
              - id: status
                type: uint16
                modbus: {table: input, address: 0x0A}
              - id: pump
                type: bool
                access: read-write
                modbus: {table: coil, address: 3}
            alarms:
              - id: low-pressure
                kind: threshold
                channel: pressure
                below: 0.10
                hysteresis: 0.02
                minDuration: 30s
                severity: major
                caseType: fire.hydrant-pressure-low
                message: Hydrant pressure below 0.10 MPa
                actions: [{channel: pump, value: true}]
            """;

    static final String GPIO = """
            id: door
            name: Door
            category: door-contact
            protocol: gpio
            channels:
              - id: open
                type: bool
                gpio: {direction: in, pull: up, activeLevel: high, debounce: 100ms}
              - id: lamp
                type: bool
                gpio: {direction: out}
            alarms:
              - id: no-activity
                kind: inactivity
                channel: open
                inactivity: 1h30m
                window: "22:00-07:00"
                severity: major
                caseType: welfare.inactivity
            """;

    static ProfileException problem(String yaml) {
        return catchThrowableOfType(ProfileException.class, () -> ProfileLoader.parse(FILE, yaml));
    }

    /** Asserts that some problem of the file is on {@code line} and mentions every fragment. */
    static void assertProblem(String yaml, int line, String... fragments) {
        ProfileException e = problem(yaml);
        assertThat(e).as("expected a ProfileException").isNotNull();
        assertThat(e.file()).isEqualTo(FILE);
        assertThat(e.allProblems()).as(e.allProblems().toString())
                .anySatisfy(p -> {
                    assertThat(p.line()).isEqualTo(line);
                    assertThat(p.file()).isEqualTo(FILE);
                    for (String f : fragments) assertThat(p.problem()).contains(f);
                });
    }

    /** A complete Modbus profile becomes the model with defaults, scale, word order, actions and hex addresses. */
    @Test
    void readsModbusProfile() {
        DeviceProfile p = ProfileLoader.parse(FILE, MODBUS);

        assertThat(p.id()).isEqualTo("pump-pressure");
        assertThat(p.manufacturer()).isEqualTo("generic");
        assertThat(p.source()).isEqualTo(FILE);
        assertThat(p.pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.report().heartbeat()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.report().deadband()).containsEntry("pressure", 0.01);
        ChannelSpec pressure = p.channel("pressure").orElseThrow();
        assertThat(pressure.modbus()).isEqualTo(new ModbusPoint(ModbusPoint.Table.HOLDING_REGISTER, 0,
                ModbusPoint.WordOrder.LITTLE, 0.001, -0.1));
        assertThat(pressure.access()).isEqualTo(Access.READ);
        assertThat(p.channel("status").orElseThrow().modbus().address()).isEqualTo(10);
        assertThat(p.channel("pump").orElseThrow().access()).isEqualTo(Access.READ_WRITE);
        AlarmRuleSpec rule = p.alarm("low-pressure").orElseThrow();
        assertThat(rule.kind()).isEqualTo(RuleKind.THRESHOLD);
        assertThat(rule.below()).isEqualTo(0.10);
        assertThat(rule.above()).isNull();
        assertThat(rule.minDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(rule.actions()).containsExactly(new LocalAction(null, "pump", true));
    }

    /** GPIO outputs default to write access, inputs to read; inactivity windows may cross midnight. */
    @Test
    void readsGpioProfileWithDefaults() {
        DeviceProfile p = ProfileLoader.parse(FILE, GPIO);

        assertThat(p.pollInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.report().heartbeat()).isEqualTo(Duration.ofMinutes(15));
        assertThat(p.channel("open").orElseThrow().access()).isEqualTo(Access.READ);
        assertThat(p.channel("lamp").orElseThrow().access()).isEqualTo(Access.WRITE);
        assertThat(p.channel("lamp").orElseThrow().gpio()).isEqualTo(new GpioPoint(GpioPoint.Direction.OUT,
                GpioPoint.Pull.NONE, GpioPoint.Level.HIGH, Duration.ZERO));
        AlarmRuleSpec r = p.alarms().get(0);
        assertThat(r.inactivity()).isEqualTo(Duration.ofMinutes(90));
        assertThat(r.windowStart()).isEqualTo(LocalTime.of(22, 0));
        assertThat(r.windowEnd()).isEqualTo(LocalTime.of(7, 0));
    }

    /** An unknown key is reported on its line with the closest allowed key. */
    @Test
    void unknownKeySuggestsClosest() {
        assertProblem(MODBUS.replace("address: 0, wordOrder", "adress: 0, wordOrder"), 11,
                "unknown key 'adress'", "modbus block of channel 'pressure'", "did you mean 'address'?");
        assertProblem(MODBUS.replace("minDuration: 30s", "minDuraton: 30s"), 25, "did you mean 'minDuration'?");
        assertProblem(MODBUS.replace("category:", "categroy:"), 3, "unknown key 'categroy'", "did you mean 'category'?");
    }

    /** A value of the wrong type names the key, what is allowed and what was found. */
    @Test
    void wrongTypeIsExplained() {
        assertProblem(MODBUS.replace("below: 0.10", "below: low"), 23, "'below' in rule 'low-pressure' must be a number", "got 'low'");
        assertProblem(MODBUS.replace("address: 3}", "address: 70000}"), 18, "'address'", "0 to 65535", "got '70000'");
        assertProblem(MODBUS.replace("type: uint16", "type: word"), 13, "'type' in channel 'status' must be one of bool, int16");
        assertProblem(MODBUS.replace("type: float32", "type: FLOAT32"), 10, "did you mean 'float32'?");
        assertProblem(MODBUS.replace("channels:\n", "channels: pressure\n").replaceAll("(?s)\n  - id: pressure.*?alarms:", "\nalarms:"),
                7, "'channels' in the profile must be a list of channels");
    }

    /** Missing required fields are reported on the line of the mapping that lacks them. */
    @Test
    void missingRequiredField() {
        assertProblem(MODBUS.replace("    type: float32\n", ""), 8, "channel 'pressure' has no 'type'", "one of bool");
        assertProblem(MODBUS.replace("protocol: modbus-tcp\n", ""), 1, "the profile has no 'protocol'", "modbus-tcp, modbus-rtu, coap, gpio");
        assertProblem(MODBUS.replace("    severity: major\n", ""), 20, "rule 'low-pressure' has no 'severity'");
    }

    /** Two channels with one id: the second is reported, pointing at the first. */
    @Test
    void duplicateChannelId() {
        assertProblem(MODBUS.replace("  - id: status", "  - id: pressure"), 12, "channel id 'pressure' is used twice (first on line 8)");
    }

    /** A duplicate key inside one mapping is an error, not a silent overwrite. */
    @Test
    void duplicateKey() {
        assertProblem(MODBUS.replace("    unit: MPa\n", "    unit: MPa\n    unit: bar\n"), 10, "key 'unit' appears twice", "first on line 9");
    }

    /** A rule naming a channel the profile does not have gets a suggestion and the list of channels. */
    @Test
    void ruleReferringToUnknownChannel() {
        assertProblem(MODBUS.replace("channel: pressure", "channel: presure"), 22, "refers to unknown channel 'presure'",
                "did you mean 'pressure'?", "pressure, status, pump");
        assertProblem(MODBUS.replace("{channel: pump, value: true}", "{channel: siren, value: true}"), 29,
                "action on unknown channel 'siren'");
    }

    /** Registers claimed by two channels are reported on the later channel with both spans. */
    @Test
    void modbusPointsOverlap() {
        String yaml = MODBUS.replace("modbus: {table: input, address: 0x0A}", "modbus: {table: holding, address: 1}");
        assertProblem(yaml, 12, "channel 'status' (holding 1) overlaps channel 'pressure' (holding 0..1)", "float32 occupies 2");
        // the same address in different tables is fine
        assertThat(ProfileLoader.parse(FILE, MODBUS.replace("address: 0x0A", "address: 0")).channels()).hasSize(3);
    }

    /** A gpio block on a modbus profile (and a missing modbus block) are both named. */
    @Test
    void gpioChannelOnModbusProfile() {
        String yaml = MODBUS.replace("modbus: {table: input, address: 0x0A}", "gpio: {direction: in}");
        assertProblem(yaml, 14, "channel 'status' has a gpio block but the profile's protocol is modbus-tcp");
        assertProblem(yaml, 12, "channel 'status' has no modbus block");
    }

    /** A threshold rule needs a limit; both limits must form a band. */
    @Test
    void thresholdWithoutLimit() {
        assertProblem(MODBUS.replace("    below: 0.10\n", ""), 20, "threshold rule 'low-pressure' has neither 'above' nor 'below'");
        assertProblem(MODBUS.replace("    below: 0.10\n", "    below: 0.10\n    above: 0.05\n"), 23,
                "'below' (0.1) must be less than 'above' (0.05)");
    }

    /** Keys of another rule kind are refused with the kinds they belong to. */
    @Test
    void keyOfAnotherRuleKind() {
        assertProblem(MODBUS.replace("    hysteresis: 0.02\n", "    equals: true\n"), 24,
                "'equals' does not apply to a threshold rule", "belongs to state, tamper rules");
    }

    /** Durations take units; bare numbers and unknown units are refused with examples. */
    @Test
    void durations() {
        assertProblem(MODBUS.replace("minDuration: 30s", "minDuration: 30"), 25, "must be a duration such as 250ms, 30s, 5m, 1h");
        assertProblem(MODBUS.replace("minDuration: 30s", "minDuration: 30 sec"), 25, "got '30 sec'");
        assertProblem(MODBUS.replace("interval: 5s", "interval: 0s"), 5, "positive duration");
        assertProblem(MODBUS.replace("timeout: 1s", "timeout: 5s"), 5, "poll timeout (5s) must be shorter than the poll interval (5s)");
        assertThat(ProfileLoader.parse(FILE, MODBUS.replace("minDuration: 30s", "minDuration: 250ms")).alarms().get(0).minDuration())
                .isEqualTo(Duration.ofMillis(250));
    }

    /** Daily windows need two different HH:MM times. */
    @Test
    void windows() {
        assertProblem(GPIO.replace("\"22:00-07:00\"", "\"22:00-22:00\""), 17, "daily window", "start and end differ");
        assertProblem(GPIO.replace("\"22:00-07:00\"", "\"25:00-07:00\""), 17, "got '25:00-07:00'");
        assertProblem(GPIO.replace("\"22:00-07:00\"", "22:00"), 17, "daily window");
        assertThat(ProfileLoader.parse(FILE, GPIO.replace("\"22:00-07:00\"", "07:30-21:45")).alarms().get(0).windowEnd())
                .isEqualTo(LocalTime.of(21, 45));
    }

    /** GPIO lines are bool; outputs take no pull or debounce and cannot be read-only; inputs cannot be written. */
    @Test
    void gpioRules() {
        assertProblem(GPIO.replace("    type: bool\n    gpio: {direction: out}", "    type: uint16\n    gpio: {direction: out}"), 11,
                "gpio line carries one bit", "must have type bool, not uint16");
        assertProblem(GPIO.replace("gpio: {direction: out}", "gpio: {direction: out, pull: up}"), 11, "'pull'", "inputs only");
        assertProblem(GPIO.replace("    gpio: {direction: out}", "    access: read\n    gpio: {direction: out}"), 12,
                "output line is written by the gateway");
        assertProblem(GPIO.replace("    gpio: {direction: in,", "    access: write\n    gpio: {direction: in,"), 9,
                "input line cannot be written");
    }

    /** Modbus tables constrain types and access. */
    @Test
    void modbusTables() {
        assertProblem(MODBUS.replace("{table: holding, address: 0, wordOrder", "{table: coil, address: 0, wordOrder"), 11,
                "a float32 value cannot live in the coil table");
        assertProblem(MODBUS.replace("    type: uint16\n", "    type: uint16\n    access: write\n"), 15,
                "the input table is read-only");
        assertProblem(MODBUS.replace("    type: uint16\n", "    type: string\n"), 14, "has no 'length'");
    }

    /** Action and equals values must match the channel's type, and actions need writable channels. */
    @Test
    void valueTypes() {
        assertProblem(MODBUS.replace("value: true", "value: 1"), 29, "action value for 'pump' must be true or false", "got 1.0");
        assertProblem(MODBUS.replace("{channel: pump, value: true}", "{channel: status, value: 1}"), 29, "which is read-only");
        assertProblem(GPIO.replace("kind: inactivity", "kind: state").replace("    inactivity: 1h30m\n    window: \"22:00-07:00\"\n",
                "    equals: 3\n"), 16, "'equals' must be true or false because channel 'open' is bool");
    }

    /** Several problems are all reported, in line order; the message says how many more there are. */
    @Test
    void reportsAllProblems() {
        String yaml = MODBUS.replace("type: uint16", "type: word").replace("below: 0.10", "below: low");
        ProfileException e = problem(yaml);
        assertThat(e.allProblems()).extracting(ProfileException::line).containsExactly(13, 23);
        assertThat(e.getMessage()).startsWith(FILE + ":13: ").endsWith("(and 1 more problem)");
        assertThat(e.describe()).isEqualTo(FILE + ":13: " + e.problem());
    }

    /** The profile's top level must be a mapping; an empty file says what a profile needs. */
    @Test
    void shapeOfTheFile() {
        assertProblem("- a\n- b\n", 1, "the profile must be a mapping");
        assertThatThrownBy(() -> ProfileLoader.parse(FILE, "# nothing\n")).isInstanceOf(ProfileException.class)
                .hasMessageContaining("the file is empty");
        assertProblem(MODBUS.replace("channels:\n", "channels: []\nx:\n"), 7, "'channels' is empty");
        assertProblem(MODBUS.replace("alarms:", "alarms: 3\nignored:"), 19, "'alarms' in the profile must be a list of alarm rules");
        assertProblem(MODBUS.replace("alarms:", "alarms: 3\nignored:"), 20, "unknown key 'ignored'");
    }
}
