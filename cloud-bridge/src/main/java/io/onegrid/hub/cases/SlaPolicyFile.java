package io.onegrid.hub.cases;

import io.onegrid.profile.Ids;
import io.onegrid.profile.ProfileException;
import io.onegrid.profile.Problems;
import io.onegrid.profile.YamlDocument;
import io.onegrid.profile.YamlMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The SLA policy file (format: docs/cases.md#the-sla-policy; the shipped one is
 * {@code cloud-bridge/config/sla-policy.yaml}, carried in the jar as {@link #SHIPPED_RESOURCE}). Read with the
 * project's one YAML reader; every problem is reported at once as {@code file:line:column: problem} in an
 * {@link SlaPolicyException}. Static and thread-safe.
 *
 * <p>Beyond shape and types the reader refuses what would make a policy silently wrong: two rules for the same
 * type and severity, no catch-all rule, a correlation window on a rule with a severity (windows are per type),
 * a rule that sets nothing, "notify everyone at once" without limits, and a resolve limit shorter than the
 * dispatch limit (both are counted from filing, so such a case would breach resolve before it could be late
 * for dispatch).
 */
public final class SlaPolicyFile {
    /** The shipped policy on the class path. */
    public static final String SHIPPED_RESOURCE = "io/onegrid/hub/cases/sla-policy.yaml";
    /** Largest policy file accepted; the shipped one is under 3 KiB. */
    static final int MAX_BYTES = 256 * 1024;
    /** A limit longer than this is a typo (a statutory limit is days, not years). */
    static final Duration MAX_LIMIT = Duration.ofDays(365);
    /** The type that matches every case type. */
    static final String ANY_TYPE = "*";

    private static final YamlDocument DOCUMENT = new YamlDocument("SLA policy", MAX_BYTES, 8, 20_000, true);
    private static final List<String> TOP = List.of("rules");
    private static final List<String> RULE = List.of("type", "severity", "dispatch", "accept", "resolve",
            "correlation", "notify-all-at-once");
    private static final Map<String, String> SEVERITIES = severities();

    private SlaPolicyFile() { }

    /**
     * The policy the hub runs with: {@code file} when given, else the shipped policy. Correlation windows that no
     * rule sets are {@code defaultCorrelation} (--correlation-window).
     *
     * @throws SlaPolicyException listing every problem of the file
     */
    public static SlaPolicy load(Optional<Path> file, Duration defaultCorrelation) {
        if (file.isEmpty()) return shipped(defaultCorrelation);
        String name = file.get().toString();
        String text;
        try {
            text = DOCUMENT.readFile(file.get());
        } catch (ProfileException e) {
            throw new SlaPolicyException(e.allProblems().stream().map(p -> format(name, p)).toList());
        }
        return parse(text, name, defaultCorrelation);
    }

    /** The shipped policy ({@link #SHIPPED_RESOURCE}). */
    public static SlaPolicy shipped(Duration defaultCorrelation) {
        try (InputStream in = SlaPolicyFile.class.getClassLoader().getResourceAsStream(SHIPPED_RESOURCE)) {
            if (in == null) throw new IllegalStateException("the hub jar lacks " + SHIPPED_RESOURCE);
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + SHIPPED_RESOURCE,
                    defaultCorrelation);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads policy text; {@code sourceName} starts every problem.
     *
     * @throws SlaPolicyException listing every problem found
     */
    public static SlaPolicy parse(String text, String sourceName, Duration defaultCorrelation) {
        Node root;
        try {
            root = DOCUMENT.compose(sourceName, text);
        } catch (ProfileException e) {
            throw new SlaPolicyException(e.allProblems().stream().map(p -> format(sourceName, p)).toList());
        }
        Problems problems = new Problems(sourceName);
        if (root == null) {
            throw new SlaPolicyException(List.of(sourceName + ":1:1: the SLA policy is empty; it needs 'rules:' "
                    + "with at least a catch-all rule (type \"*\", dispatch, accept and resolve)"));
        }
        List<SlaPolicy.Rule> rules = readRules(root, problems);
        if (!problems.isEmpty()) {
            throw new SlaPolicyException(problems.all().stream().map(p -> format(sourceName, p)).toList());
        }
        return new SlaPolicy(rules, defaultCorrelation);
    }

    private static List<SlaPolicy.Rule> readRules(Node root, Problems problems) {
        YamlMap top = YamlMap.of(root, "the SLA policy", TOP, problems);
        if (top == null) return List.of();
        List<Node> items = top.list("rules", "a list of rules, each a mapping with 'type' and limits");
        if (items == null) return List.of();
        if (items.isEmpty()) {
            top.missing("rules", "a list of rules with at least a catch-all rule (type \"*\", dispatch, accept, resolve)");
            return List.of();
        }
        List<SlaPolicy.Rule> rules = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        boolean catchAll = false;
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            SlaPolicy.Rule rule = readRule(item, "rule " + (i + 1), problems);
            if (rule == null) continue;
            String key = (rule.caseType().isEmpty() ? ANY_TYPE : rule.caseType()) + " / "
                    + (rule.severity() == null ? "any severity" : rule.severity());
            Integer first = firstLine.putIfAbsent(key, item.getStartMark().getLine() + 1);
            if (first != null) {
                problems.add(item, "rule " + (i + 1) + " is a second rule for " + key + " (first on line " + first
                        + "); merge them into one");
                continue;
            }
            catchAll |= rule.caseType().isEmpty() && rule.severity() == null && rule.limits() != null;
            rules.add(rule);
        }
        if (!catchAll && problems.isEmpty()) {
            problems.add(top.value("rules"), "the SLA policy has no catch-all rule; add one with type \"*\", no "
                    + "severity, and dispatch, accept and resolve limits, so every case type has deadlines");
        }
        return rules;
    }

    private static SlaPolicy.Rule readRule(Node item, String where, Problems problems) {
        int before = problems.size();
        YamlMap m = YamlMap.of(item, where, RULE, problems);
        if (m == null) return null;
        String type = m.text("type", true, "a case-type prefix such as fire or welfare.inactivity, or \"*\" for every type");
        if (type != null && !type.equals(ANY_TYPE) && !Ids.CASE_TYPE.matcher(type).matches()) {
            problems.add(m.value("type"), "'type' in " + where + " must be \"*\" or " + Ids.CASE_TYPE_HINT
                    + ", got '" + type + "'");
        }
        String severity = m.choice("severity", SEVERITIES, false, null);
        Duration dispatch = limit(m, "dispatch", problems);
        Duration accept = limit(m, "accept", problems);
        Duration resolve = limit(m, "resolve", problems);
        Duration correlation = limit(m, "correlation", problems);
        Boolean allAtOnce = m.bool("notify-all-at-once", false, "true or false");
        if (problems.size() > before) return null;

        int given = (dispatch == null ? 0 : 1) + (accept == null ? 0 : 1) + (resolve == null ? 0 : 1);
        SlaLimits limits = null;
        if (given == 3) {
            limits = new SlaLimits(dispatch, accept, resolve);
            if (resolve.compareTo(dispatch) < 0) {
                problems.add(m.value("resolve"), "'resolve' in " + where + " (" + text(resolve) + ") is shorter than"
                        + " 'dispatch' (" + text(dispatch) + "); both count from filing, so make resolve at least as long");
            }
        } else if (given > 0) {
            problems.add(item, where + " sets only some of dispatch, accept and resolve; a rule with limits needs all"
                    + " three");
        } else if (correlation == null) {
            problems.add(item, where + " sets nothing; give it dispatch, accept and resolve limits, a correlation"
                    + " window, or remove it");
        }
        if (correlation != null && severity != null) {
            problems.add(m.value("correlation"), "'correlation' in " + where + " cannot be set for one severity: a"
                    + " correlation window applies to every severity of a type, so put it on a rule without 'severity'");
        }
        if (Boolean.TRUE.equals(allAtOnce) && limits == null) {
            problems.add(m.value("notify-all-at-once"), "'notify-all-at-once' in " + where + " needs the rule's"
                    + " dispatch, accept and resolve limits too");
        }
        if (problems.size() > before) return null;
        return new SlaPolicy.Rule(ANY_TYPE.equals(type) ? "" : type, severity, limits, correlation,
                Boolean.TRUE.equals(allAtOnce));
    }

    private static Duration limit(YamlMap m, String key, Problems problems) {
        Duration d = m.duration(key, false, true);
        if (d != null && d.compareTo(MAX_LIMIT) > 0) {
            problems.add(m.value(key), "'" + key + "' in " + m.where() + " is " + text(d) + "; limits longer than 365d"
                    + " are not accepted (a typo?)");
            return null;
        }
        return d;
    }

    private static String text(Duration d) {
        return io.onegrid.profile.Durations.format(d);
    }

    private static Map<String, String> severities() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : Severities.names()) m.put(s, s);
        return m;
    }

    private static String format(String sourceName, ProfileException p) {
        return sourceName + ":" + Math.max(1, p.line()) + ":" + Math.max(1, p.column()) + ": " + p.problem();
    }
}
