package io.onegrid.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SLA policy file: the shipped defaults, a policy of one's own, and every way a file can be wrong. */
class SlaPolicyFileTest {
    private static final Duration WINDOW = Duration.ofMinutes(30);
    private static final String CATCH_ALL = "rules:\n  - type: \"*\"\n    dispatch: 2h\n    accept: 4h\n    resolve: 1d\n";

    @TempDir
    Path dir;

    /** The shipped policy has the limits docs/cases.md lists: minutes for fire, hours for welfare, days for devices. */
    @Test
    void shippedPolicyHasTheDocumentedLimits() {
        // GIVEN the policy the hub runs with when --sla-policy is not given
        SlaPolicy p = SlaPolicyFile.load(Optional.empty(), WINDOW);
        // THEN fire is minutes, critical fire tighter and everyone at once
        assertThat(p.limits("fire.smoke", "MAJOR")).isEqualTo(limits("5m", "5m", "1h"));
        assertThat(p.limits("fire.smoke", "CRITICAL")).isEqualTo(limits("2m", "3m", "30m"));
        assertThat(p.notifyAllAtOnce("fire.smoke", "CRITICAL")).isTrue();
        assertThat(p.notifyAllAtOnce("fire.smoke", "MAJOR")).isFalse();
        // AND welfare is hours and correlates within 12 h, devices are days and correlate within 24 h
        assertThat(p.limits("welfare.inactivity", "MAJOR")).isEqualTo(limits("30m", "1h", "4h"));
        assertThat(p.correlationWindow("welfare.inactivity")).isEqualTo(Duration.ofHours(12));
        assertThat(p.limits("device.offline", "MINOR")).isEqualTo(limits("4h", "8h", "3d"));
        assertThat(p.correlationWindow("device.offline")).isEqualTo(Duration.ofHours(24));
        // AND an unknown type gets the catch-all and the --correlation-window default
        assertThat(p.limits("noise.complaint", "INFO")).isEqualTo(limits("2h", "4h", "1d"));
        assertThat(p.correlationWindow("fire.smoke")).isEqualTo(WINDOW);
    }

    /** The jar carries the same file users copy from cloud-bridge/config, so the documented file is the default. */
    @Test
    void jarCarriesTheConfigFile() throws Exception {
        // GIVEN the file in the source tree (tests run in the module directory)
        Path file = Path.of("config/sla-policy.yaml");
        // WHEN it is loaded as a user's --sla-policy
        SlaPolicy fromFile = SlaPolicyFile.load(Optional.of(file), WINDOW);
        // THEN it has the same rules as the shipped policy
        assertThat(fromFile.rules()).isEqualTo(SlaPolicyFile.shipped(WINDOW).rules());
        try (var in = getClass().getClassLoader().getResourceAsStream(SlaPolicyFile.SHIPPED_RESOURCE)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(Files.readString(file));
        }
    }

    /** A policy of one's own replaces the shipped one: tighter fire limits and a per-type correlation window. */
    @Test
    void ownPolicyReplacesTheShippedOne() throws Exception {
        // GIVEN a file with a catch-all and a tighter smoke rule
        Path f = dir.resolve("city.yaml");
        Files.writeString(f, CATCH_ALL + "  - type: fire.smoke\n    dispatch: 90s\n    accept: 2m\n    resolve: 20m\n"
                + "    correlation: 10m\n  - type: fire\n    severity: CRITICAL\n    dispatch: 1m\n    accept: 1m\n"
                + "    resolve: 15m\n    notify-all-at-once: true\n");
        // WHEN it is loaded
        SlaPolicy p = SlaPolicyFile.load(Optional.of(f), WINDOW);
        // THEN the longer prefix wins over the severity rule, and each rule keeps what it sets
        assertThat(p.limits("fire.smoke", "CRITICAL")).isEqualTo(limits("90s", "2m", "20m"));
        assertThat(p.limits("fire.gas-leak", "CRITICAL")).isEqualTo(limits("1m", "1m", "15m"));
        assertThat(p.notifyAllAtOnce("fire.gas-leak", "CRITICAL")).isTrue();
        assertThat(p.correlationWindow("fire.smoke")).isEqualTo(Duration.ofMinutes(10));
        assertThat(p.correlationWindow("fire.gas-leak")).isEqualTo(WINDOW);
        // AND the welfare rule of the shipped policy is gone: welfare falls to the catch-all
        assertThat(p.limits("welfare.inactivity", "MAJOR")).isEqualTo(limits("2h", "4h", "1d"));
    }

    /** A rule may set only a correlation window for a type; its limits then come from a less specific rule. */
    @Test
    void correlationOnlyRule() {
        // GIVEN a rule for door alarms that sets only a window
        SlaPolicy p = SlaPolicyFile.parse(CATCH_ALL + "  - type: facility.door\n    correlation: 2h\n", "p.yaml", WINDOW);
        // THEN door cases correlate within 2 h and keep the catch-all limits
        assertThat(p.correlationWindow("facility.door.open")).isEqualTo(Duration.ofHours(2));
        assertThat(p.limits("facility.door.open", "MINOR")).isEqualTo(limits("2h", "4h", "1d"));
    }

    /** Shape and type problems are all reported at once, each with line, column and what is allowed. */
    @Test
    void everyShapeProblemIsReportedWithItsPosition() {
        // GIVEN a file with a typo'd key, a bad duration, an unknown severity, a bad type and a bad boolean
        String text = CATCH_ALL
                + "  - type: fire\n    dispach: 5m\n    accept: 5m\n    resolve: 1h\n"       // lines 6-9
                + "  - type: welfare\n    dispatch: soon\n    accept: 1h\n    resolve: 4h\n"  // lines 10-13
                + "  - type: water\n    severity: urgent\n    correlation: 1h\n"             // lines 14-16
                + "  - type: Fire.Smoke\n    correlation: 1h\n"                               // lines 17-18
                + "  - type: gas\n    dispatch: 1m\n    accept: 1m\n    resolve: 1h\n    notify-all-at-once: maybe\n";
        // WHEN it is read
        List<String> problems = problems(text);
        // THEN each is named with its line and column
        assertThat(problems).hasSize(5);
        assertThat(problems.get(0)).startsWith("p.yaml:7:5: unknown key 'dispach' in rule 2; did you mean 'dispatch'?");
        assertThat(problems.get(1)).startsWith("p.yaml:11:15: 'dispatch' in rule 3 must be a positive duration such as");
        assertThat(problems.get(2)).startsWith("p.yaml:15:15: 'severity' in rule 4 must be one of INFO, MINOR, MAJOR, CRITICAL, got 'urgent'");
        assertThat(problems.get(3)).startsWith("p.yaml:17:11: 'type' in rule 5 must be \"*\" or a dotted case type");
        assertThat(problems.get(4)).startsWith("p.yaml:23:25: 'notify-all-at-once' in rule 6 must be true or false, got 'maybe'");
    }

    /** Rules that read but would make the policy silently wrong are refused, each with its reason. */
    @Test
    void meaningProblemsAreRefused() {
        // GIVEN two rules for one type, partial limits, a window for one severity, an empty rule and resolve < dispatch
        String text = CATCH_ALL
                + "  - type: fire\n    dispatch: 5m\n    accept: 5m\n    resolve: 1h\n"            // line 6
                + "  - type: fire\n    dispatch: 2m\n    accept: 2m\n    resolve: 1h\n"            // line 10
                + "  - type: welfare\n    dispatch: 30m\n"                                         // line 14
                + "  - type: facility\n    severity: MAJOR\n    correlation: 1h\n"                 // line 16
                + "  - type: device\n"                                                             // line 19
                + "  - type: water\n    dispatch: 2h\n    accept: 1h\n    resolve: 1h\n"           // line 20
                + "  - type: gas\n    correlation: 2h\n    notify-all-at-once: true\n"             // line 24
                + "  - type: noise\n    dispatch: 1h\n    accept: 1h\n    resolve: 400d\n";        // line 27
        // WHEN it is read THEN each is refused with where and why
        List<String> problems = problems(text);
        assertThat(problems).hasSize(7);
        assertThat(problems.get(0)).isEqualTo("p.yaml:10:5: rule 3 is a second rule for fire / any severity (first on"
                + " line 6); merge them into one");
        assertThat(problems.get(1)).startsWith("p.yaml:14:5: rule 4 sets only some of dispatch, accept and resolve");
        assertThat(problems.get(2)).startsWith("p.yaml:18:18: 'correlation' in rule 5 cannot be set for one severity");
        assertThat(problems.get(3)).startsWith("p.yaml:19:5: rule 6 sets nothing");
        assertThat(problems.get(4)).startsWith("p.yaml:23:14: 'resolve' in rule 7 (1h) is shorter than 'dispatch' (2h)");
        assertThat(problems.get(5)).startsWith("p.yaml:26:25: 'notify-all-at-once' in rule 8 needs the rule's dispatch");
        assertThat(problems.get(6)).startsWith("p.yaml:30:14: 'resolve' in rule 9 is 400d; limits longer than 365d");
    }

    /** Without a catch-all some case type would have no deadline: the file is refused and says how to fix it. */
    @Test
    void catchAllIsRequired() {
        // GIVEN rules for fire only
        List<String> problems = problems("rules:\n  - type: fire\n    dispatch: 5m\n    accept: 5m\n    resolve: 1h\n");
        // THEN the problem points at the rules list
        assertThat(problems).containsExactly("p.yaml:2:3: the SLA policy has no catch-all rule; add one with type \"*\","
                + " no severity, and dispatch, accept and resolve limits, so every case type has deadlines");
        // AND a catch-all with a severity does not count
        assertThat(problems("rules:\n  - type: \"*\"\n    severity: MAJOR\n    dispatch: 1h\n    accept: 1h\n"
                + "    resolve: 2h\n")).singleElement().asString().contains("no catch-all rule");
    }

    /** Files that are not a policy at all: empty, a list, no rules, unknown top key, YAML aliases, not UTF-8, missing. */
    @Test
    void filesThatAreNotAPolicy() throws Exception {
        assertThat(problems("")).singleElement().asString().startsWith("p.yaml:1:1: the SLA policy is empty");
        assertThat(problems("- a\n- b\n")).singleElement().asString()
                .startsWith("p.yaml:1:1: the SLA policy must be a mapping");
        assertThat(problems("rules: []\n")).singleElement().asString().contains("has no 'rules'");
        assertThat(problems(CATCH_ALL + "defaults: {}\n")).singleElement().asString()
                .startsWith("p.yaml:6:1: unknown key 'defaults' in the SLA policy");
        assertThat(problems("rules:\n  - &r {type: \"*\", dispatch: 1h, accept: 1h, resolve: 1h}\n  - *r\n"))
                .isNotEmpty().allMatch(p -> p.startsWith("p.yaml:2:") || p.startsWith("p.yaml:3:"));
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(loadProblems(latin1)).containsExactly(latin1 + ":1:1: the file is not UTF-8 text; save it as UTF-8");
        Path missing = dir.resolve("missing.yaml");
        assertThat(loadProblems(missing)).singleElement().asString().startsWith(missing + ":1:1: cannot read the file");
        Path huge = dir.resolve("huge.yaml");
        Files.writeString(huge, "# " + "x".repeat(SlaPolicyFile.MAX_BYTES) + "\n");
        assertThat(loadProblems(huge)).singleElement().asString().contains("over the SLA policy size limit of " + SlaPolicyFile.MAX_BYTES + " bytes");
    }

    private static SlaLimits limits(String dispatch, String accept, String resolve) {
        return new SlaLimits(d(dispatch), d(accept), d(resolve));
    }

    private static Duration d(String text) {
        return io.onegrid.profile.Durations.parse(text).orElseThrow();
    }

    private static List<String> problems(String text) {
        return catchThrowableOfType(SlaPolicyException.class, () -> SlaPolicyFile.parse(text, "p.yaml", WINDOW)).problems();
    }

    private static List<String> loadProblems(Path file) {
        return catchThrowableOfType(SlaPolicyException.class, () -> SlaPolicyFile.load(Optional.of(file), WINDOW))
                .problems();
    }
}
