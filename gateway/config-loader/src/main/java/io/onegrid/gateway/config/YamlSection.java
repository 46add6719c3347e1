package io.onegrid.gateway.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One mapping of the configuration file with a fixed set of keys. Unknown keys (with a "did you mean"),
 * duplicate keys and values of the wrong shape are reported with their line; a getter returns null for a
 * missing or unreadable value so parsing goes on and finds the file's other problems too.
 */
final class YamlSection {
    private final Node node;
    private final String where;
    private final Problems problems;
    private final Map<String, NodeTuple> entries;
    private int keyLine;

    private YamlSection(Node node, String where, Problems problems, Map<String, NodeTuple> entries) {
        this.node = node;
        this.where = where;
        this.problems = problems;
        this.entries = entries;
    }

    /** The same mapping under another name in messages (a device is "device 'smoke-302'" once its id is known). */
    YamlSection named(String newWhere) {
        YamlSection renamed = new YamlSection(node, newWhere, problems, entries);
        renamed.keyLine = keyLine;
        return renamed;
    }

    /**
     * Reads {@code node} as a mapping; reports and returns null when it is something else. {@code where}
     * names it in messages by its path ("hub", "device 'smoke-302'"); the empty string is the whole file.
     */
    static YamlSection of(Node node, String where, Set<String> allowed, Problems problems) {
        if (!(node instanceof MappingNode mapping)) {
            problems.add(node, label(where) + " must be a mapping (key: value lines), not " + describe(node));
            return null;
        }
        YamlSection section = new YamlSection(node, where, problems, new LinkedHashMap<>());
        for (NodeTuple t : mapping.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                problems.add(t.getKeyNode(), "a key in " + label(where) + " must be a plain name");
                continue;
            }
            String key = k.getValue();
            NodeTuple first = section.entries.get(key);
            if (first != null) {
                problems.add(k, "key '" + key + "' appears twice in " + label(where) + " (first on line "
                        + Problems.lineOf(first.getKeyNode()) + ")");
            } else if (!allowed.contains(key)) {
                problems.add(k, "unknown key '" + key + "' in " + label(where) + suggest(key, allowed)
                        + "; allowed keys: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            } else {
                section.entries.put(key, t);
            }
        }
        return section;
    }

    /** The line of the key that opened this section ("hub:"), else where its mapping starts. */
    int line() {
        return keyLine > 0 ? keyLine : Problems.lineOf(node);
    }

    /** How messages name a key of this section: "hub.uri", "device 'a'.address", or "gateway" at the top. */
    String qualified(String key) {
        return where.isEmpty() ? key : where + "." + key;
    }

    String label() {
        return label(where);
    }

    private static String label(String where) {
        return where.isEmpty() ? "the file" : where;
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The value node of {@code key}, or null when absent or explicitly empty ({@code key:} / {@code ~}). */
    Node node(String key) {
        NodeTuple t = entries.get(key);
        if (t == null) return null;
        Node v = t.getValueNode();
        return v instanceof ScalarNode s && s.getTag().equals(Tag.NULL) ? null : v;
    }

    /** Line of the key (so "missing value" errors point at it), or the section's line when absent. */
    int lineOf(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? line() : Problems.lineOf(t.getKeyNode());
    }

    /** The scalar text of {@code key}, trimmed; null when absent, empty or not a scalar (reported). */
    String text(String key, boolean required) {
        Node v = node(key);
        if (v == null) {
            if (required) problems.add(lineOf(key), label() + " needs '" + key + "'");
            return null;
        }
        if (!(v instanceof ScalarNode s)) {
            problems.add(v, qualified(key) + " must be a single value, not " + describe(v));
            return null;
        }
        String value = s.getValue().trim();
        if (value.isEmpty()) {
            if (required) problems.add(v, qualified(key) + " must not be empty");
            return null;
        }
        return value;
    }

    /** A whole number within [min, max]; null when absent or invalid (reported). */
    Long number(String key, long min, long max) {
        String text = text(key, false);
        if (text == null) return null;
        try {
            long value = Long.parseLong(text.replace("_", ""));
            if (value < min || value > max) {
                problems.add(node(key), qualified(key) + " must be between " + min + " and " + max
                        + ", got " + text);
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(node(key), qualified(key) + " must be a whole number, got '" + text + "'");
            return null;
        }
    }

    /** A nested section under {@code key}; null when absent (or invalid, reported). */
    YamlSection section(String key, Set<String> allowed) {
        Node v = node(key);
        if (v == null) return null;
        YamlSection nested = of(v, qualified(key), allowed, problems);
        if (nested != null) nested.keyLine = lineOf(key);
        return nested;
    }

    static String describe(Node node) {
        if (node == null) return "nothing";
        if (node instanceof SequenceNode) return "a list";
        if (node instanceof MappingNode) return "a mapping";
        return "'" + ((ScalarNode) node).getValue() + "'";
    }

    private static String suggest(String key, Collection<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = distance(key.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= 2 ? " (did you mean '" + best + "'?)" : "";
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
