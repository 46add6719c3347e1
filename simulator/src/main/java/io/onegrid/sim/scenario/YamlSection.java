package io.onegrid.sim.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping read from the node tree, so every problem can name its line. Rejects unknown and
 * duplicate keys (a typo such as "nosie" must not be silently ignored).
 */
final class YamlSection {
    private static final ScalarConstructor SCALARS = new ScalarConstructor();

    private final String source;
    private final String what;
    private final Node node;
    private final Map<String, NodeTuple> entries;

    private YamlSection(String source, String what, Node node, Map<String, NodeTuple> entries) {
        this.source = source;
        this.what = what;
        this.node = node;
        this.entries = entries;
    }

    /** Reads {@code node} as a mapping whose keys must be among {@code allowed} (null = any key). */
    static YamlSection of(String source, String what, Node node, String... allowed) {
        if (!(node instanceof MappingNode mapping)) {
            throw new ScenarioException(source, line(node), what + " must be a mapping of key: value");
        }
        Set<String> known = allowed == null ? null : new TreeSet<>(Arrays.asList(allowed));
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                throw new ScenarioException(source, line(tuple.getKeyNode()), what + ": keys must be plain words");
            }
            String key = keyNode.getValue();
            if (known != null && !known.contains(key)) {
                throw new ScenarioException(source, line(keyNode), "unknown key '" + key + "' in " + what
                        + " (allowed: " + String.join(", ", known) + ")");
            }
            if (entries.put(key, tuple) != null) {
                throw new ScenarioException(source, line(keyNode), "key '" + key + "' appears twice in " + what);
            }
        }
        return new YamlSection(source, what, node, entries);
    }

    static int line(Node node) {
        return node == null ? 0 : node.getStartMark().getLine() + 1;
    }

    int line() { return line(node); }

    String what() { return what; }

    String source() { return source; }

    List<String> keys() { return new ArrayList<>(entries.keySet()); }

    Optional<Node> get(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? Optional.empty() : Optional.of(tuple.getValueNode());
    }

    Node require(String key) {
        return get(key).orElseThrow(() -> fail(line(), what + " needs '" + key + "'"));
    }

    int keyLine(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? line() : line(tuple.getKeyNode());
    }

    String string(String key) {
        return text(require(key), key);
    }

    Optional<String> optionalString(String key) {
        return get(key).map(n -> text(n, key));
    }

    /** A scalar's text; numbers and booleans are accepted as their text. */
    String text(Node value, String key) {
        if (!(value instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
            throw fail(line(value), "'" + key + "' in " + what + " must be a single value");
        }
        return scalar.getValue();
    }

    /** A scalar turned into the Java value YAML means: Boolean, Long/BigInteger, Double or String. */
    Object scalar(Node value, String key) {
        if (!(value instanceof ScalarNode) || value.getTag().equals(Tag.NULL)) {
            throw fail(line(value), "'" + key + "' in " + what + " must be a single value, not "
                    + (value instanceof SequenceNode ? "a list" : value instanceof MappingNode ? "a mapping" : "empty"));
        }
        return SCALARS.construct(value);
    }

    long integer(Node value, String key) {
        Object v = scalar(value, key);
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        throw fail(line(value), "'" + key + "' in " + what + " must be a whole number, not '" + text(value, key) + "'");
    }

    double number(Node value, String key) {
        Object v = scalar(value, key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw fail(line(value), "'" + key + "' in " + what + " must be a number, not '" + text(value, key) + "'");
    }

    List<Node> list(String key) {
        Node value = require(key);
        if (!(value instanceof SequenceNode seq)) {
            throw fail(line(value), "'" + key + "' in " + what + " must be a list (lines starting with '- ')");
        }
        return seq.getValue();
    }

    ScenarioException fail(int line, String problem) {
        return new ScenarioException(source, line, problem);
    }

    static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(4 * 1024 * 1024);
        return options;
    }

    /** Exposes SnakeYAML's safe scalar construction (yes/no, 0x1F, 1_000 ...) for single nodes. */
    private static final class ScalarConstructor extends SafeConstructor {
        ScalarConstructor() {
            super(loaderOptions());
        }

        synchronized Object construct(Node node) {
            return constructObject(node);
        }
    }
}
