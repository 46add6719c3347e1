package io.onegrid.profile;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping with a known set of keys: the project's one YAML reader (profiles here, the hub's grid
 * file). It reports unknown keys (with a "did you mean"), duplicate keys and wrongly typed values to
 * {@link Problems} with their line and column, and returns null for a value it could not read so the reader
 * can go on and find the file's other problems too. Compose the document with {@link YamlDocument}.
 */
public final class YamlMap {
    private final Node node;
    private final String where;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private YamlMap(Node node, String where, Problems problems) {
        this.node = node;
        this.where = where;
        this.problems = problems;
    }

    /**
     * Reads {@code node} as a mapping whose keys must be among {@code allowed}; {@code where} names it in
     * messages ("channel 'pressure'"). Returns null (after reporting) when the node is not a mapping.
     */
    public static YamlMap of(Node node, String where, Collection<String> allowed, Problems problems) {
        if (!(node instanceof MappingNode mapping)) {
            problems.add(node, where + " must be a mapping of keys to values (key: value), not " + describe(node));
            return null;
        }
        YamlMap map = new YamlMap(node, where, problems);
        for (NodeTuple t : mapping.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k) || k.getTag().equals(Tag.NULL)) {
                problems.add(t.getKeyNode(), "a key in " + where + " must be a plain name");
                continue;
            }
            String key = k.getValue();
            NodeTuple first = map.entries.get(key);
            if (first != null) {
                problems.add(k, "key '" + key + "' appears twice in " + where + " (first on line "
                        + Problems.lineOf(first.getKeyNode()) + "); a key may appear only once");
            } else if (!allowed.contains(key)) {
                problems.add(k, "unknown key '" + key + "' in " + where + didYouMean(key, allowed, "allowed keys"));
            } else {
                map.entries.put(key, t);
            }
        }
        return map;
    }

    public String where() {
        return where;
    }

    public Node node() {
        return node;
    }

    public int line() {
        return Problems.lineOf(node);
    }

    public Problems problems() {
        return problems;
    }

    /** Whether {@code key} is present with a non-null value. */
    public boolean has(String key) {
        Node v = value(key);
        return v != null;
    }

    /** The value node of {@code key}, or null when absent or written as an empty value. */
    public Node value(String key) {
        NodeTuple t = entries.get(key);
        if (t == null) return null;
        Node v = t.getValueNode();
        if (v instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) return null;
        return v;
    }

    /** Line of {@code key}'s value, or of the mapping itself when absent. */
    public int line(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? line() : Problems.lineOf(t.getKeyNode());
    }

    /** The node of {@code key} itself (where "this key ..." problems point), or the mapping's when absent. */
    public Node keyNode(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? node : t.getKeyNode();
    }

    public Collection<String> keys() {
        return entries.keySet();
    }

    public void missing(String key, String whatItIs) {
        problems.add(node, where + " has no '" + key + "'; it needs " + whatItIs);
    }

    public String text(String key, boolean required, String whatItIs) {
        Node v = value(key);
        if (v == null) {
            if (required) missing(key, whatItIs);
            return null;
        }
        if (!(v instanceof ScalarNode s)) {
            wrong(key, v, whatItIs);
            return null;
        }
        return s.getValue();
    }

    /**
     * Text written as text (plain or quoted; a date counts): a bare number or true/false is refused with a hint
     * to quote it, so {@code id: true} is not silently the id "true" and the published schema (type string) agrees.
     */
    public String string(String key, boolean required, String whatItIs) {
        Node v = value(key);
        if (v == null) {
            if (required) missing(key, whatItIs);
            return null;
        }
        if (v instanceof ScalarNode s && (s.getTag().equals(Tag.STR) || s.getTag().equals(Tag.TIMESTAMP))) return s.getValue();
        String hint = v instanceof ScalarNode s ? "; quote it (\"" + s.getValue() + "\") if that is the text meant" : "";
        problems.add(v, "'" + key + "' in " + where + " must be " + whatItIs + ", written as text, got " + describe(v) + hint);
        return null;
    }

    public Double number(String key, boolean required, String whatItIs) {
        Node v = value(key);
        if (v == null) {
            if (required) missing(key, whatItIs);
            return null;
        }
        Optional<Double> d = Scalars.number(v);
        if (d.isEmpty()) wrong(key, v, whatItIs);
        return d.orElse(null);
    }

    public Integer integer(String key, boolean required, int min, int max, String whatItIs) {
        Node v = value(key);
        if (v == null) {
            if (required) missing(key, whatItIs);
            return null;
        }
        Optional<Long> n = Scalars.integer(v);
        if (n.isEmpty() || n.get() < min || n.get() > max) {
            wrong(key, v, whatItIs);
            return null;
        }
        return n.get().intValue();
    }

    public Boolean bool(String key, boolean required, String whatItIs) {
        Node v = value(key);
        if (v == null) {
            if (required) missing(key, whatItIs);
            return null;
        }
        Optional<Boolean> b = Scalars.bool(v);
        if (b.isEmpty()) wrong(key, v, whatItIs);
        return b.orElse(null);
    }

    /** A duration such as "30s"; {@code positive} rejects zero. */
    public Duration duration(String key, boolean required, boolean positive) {
        String hint = positive ? "a positive " + Durations.DURATION_HINT.substring(2) : Durations.DURATION_HINT;
        Node v = value(key);
        if (v == null) {
            if (required) missing(key, hint);
            return null;
        }
        Optional<Duration> d = v instanceof ScalarNode s ? Durations.parse(s.getValue()) : Optional.empty();
        if (d.isEmpty() || (positive && d.get().isZero())) {
            wrong(key, v, hint);
            return null;
        }
        return d.get();
    }

    /** One of the names in {@code allowed} (see {@link Names}); absent gives {@code absent}. */
    public <V> V choice(String key, Map<String, V> allowed, boolean required, V absent) {
        String hint = "one of " + String.join(", ", allowed.keySet());
        Node v = value(key);
        if (v == null) {
            if (required) missing(key, hint);
            return absent;
        }
        if (v instanceof ScalarNode s && allowed.containsKey(s.getValue())) return allowed.get(s.getValue());
        String got = v instanceof ScalarNode s ? s.getValue() : null;
        String dym = got == null ? "" : suggestion(got, allowed.keySet());
        problems.add(v, "'" + key + "' in " + where + " must be " + hint + ", got " + describe(v) + dym);
        return null;
    }

    /**
     * A daily window such as "06:00-22:00" as {start, end}; null when absent (reported if {@code required})
     * or unreadable (reported).
     */
    public LocalTime[] window(String key, boolean required) {
        String text = text(key, required, Durations.WINDOW_HINT);
        if (text == null) return null;
        Optional<LocalTime[]> w = Durations.parseWindow(text);
        if (w.isEmpty()) {
            wrong(key, value(key), Durations.WINDOW_HINT + " whose start and end differ");
            return null;
        }
        return w.get();
    }

    /** A nested mapping; null (reported) if it is something else, null (silently) if absent. */
    public YamlMap map(String key, String whereNested, Collection<String> allowed) {
        Node v = value(key);
        return v == null ? null : of(v, whereNested, allowed, problems);
    }

    /** A list; empty when absent, null (reported) when not a list. */
    public List<Node> list(String key, String whatItIs) {
        Node v = value(key);
        if (v == null) return List.of();
        if (!(v instanceof SequenceNode seq)) {
            wrong(key, v, whatItIs);
            return null;
        }
        return new ArrayList<>(seq.getValue());
    }

    public void wrong(String key, Node got, String whatItIs) {
        problems.add(got, "'" + key + "' in " + where + " must be " + whatItIs + ", got " + describe(got));
    }

    /** The text of {@code key} in a mapping node before it is read properly, to name it in messages; else null. */
    public static String peek(Node node, String key) {
        if (!(node instanceof MappingNode m)) return null;
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())
                    && t.getValueNode() instanceof ScalarNode v) {
                return v.getValue();
            }
        }
        return null;
    }

    public static String describe(Node node) {
        if (node == null) return "nothing";
        if (node instanceof MappingNode) return "a mapping";
        if (node instanceof SequenceNode) return "a list";
        ScalarNode s = (ScalarNode) node;
        if (s.getTag().equals(Tag.NULL)) return "an empty value";
        return "'" + s.getValue() + "'";
    }

    /** "; did you mean 'address'? Allowed keys: a, b" or, with no close match, "; allowed keys: a, b". */
    public static String didYouMean(String got, Collection<String> known, String label) {
        String dym = suggestion(got, known);
        String list = known.isEmpty() ? "(none)" : String.join(", ", known);
        return dym.isEmpty() ? "; " + label + ": " + list
                : dym + " " + Character.toUpperCase(label.charAt(0)) + label.substring(1) + ": " + list;
    }

    /** "; did you mean 'address'?" when a known name is close to {@code got}, else "". */
    static String suggestion(String got, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = k.equalsIgnoreCase(got) ? 0 : distance(got.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        int allowedDistance = Math.max(1, Math.min(3, got.length() / 3));
        return best != null && bestDistance <= allowedDistance ? "; did you mean '" + best + "'?" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
