package io.onegrid.profile.schema;

import io.onegrid.profile.Scalars;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A composed YAML document as a Jackson tree for the schema validator, with the SnakeYAML node behind every
 * JSON pointer so that a schema error can be reported at its line and column. Scalars are typed as the loader
 * types them ({@link Scalars}): a quoted "0.10" stays text, so schema and loader see the same values.
 *
 * @param root the tree handed to the validator
 * @param values JSON pointer ("" for the root, "/channels/0/type") to the YAML node of that value
 * @param keys JSON pointer of a mapping entry to the YAML node of its key, for "unknown key" errors
 */
record JsonTree(JsonNode root, Map<String, Node> values, Map<String, Node> keys) {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** The tree of {@code yaml}; on a duplicate key the first entry counts (the loader reports the second). */
    static JsonTree of(Node yaml) {
        Map<String, Node> values = new HashMap<>();
        Map<String, Node> keys = new HashMap<>();
        JsonNode root = convert(yaml, "", values, keys);
        return new JsonTree(root, values, keys);
    }

    private static JsonNode convert(Node node, String pointer, Map<String, Node> values, Map<String, Node> keys) {
        values.put(pointer, node);
        if (node instanceof MappingNode m) {
            ObjectNode object = JSON.objectNode();
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k) || k.getTag().equals(Tag.NULL)) continue;
                // an integer key (an enum code) by its value, as the loader reads it: 0x10 is "16"
                String key = k.getTag().equals(Tag.INT) ? Scalars.integer(k).map(String::valueOf).orElse(k.getValue()) : k.getValue();
                // an empty value is the key left out, to the loader and so to the schema
                if (object.has(key) || isNull(t.getValueNode())) continue;
                String child = pointer + "/" + escape(key);
                keys.put(child, k);
                object.set(key, convert(t.getValueNode(), child, values, keys));
            }
            return object;
        }
        if (node instanceof SequenceNode s) {
            ArrayNode array = JSON.arrayNode();
            for (int i = 0; i < s.getValue().size(); i++) array.add(convert(s.getValue().get(i), pointer + "/" + i, values, keys));
            return array;
        }
        return scalar((ScalarNode) node);
    }

    private static JsonNode scalar(ScalarNode s) {
        Tag tag = s.getTag();
        if (tag.equals(Tag.NULL)) return JSON.nullNode();
        if (tag.equals(Tag.BOOL)) return JSON.booleanNode(Scalars.bool(s).orElse(false));
        if (tag.equals(Tag.INT)) {
            Optional<Long> n = Scalars.integer(s);
            if (n.isPresent()) return JSON.numberNode(n.get());
            // parsing a huge number costs quadratic time, and no key of a profile takes one beyond 64 bits
            if (s.getValue().length() > 100) return JSON.stringNode(s.getValue());
            try {
                return JSON.numberNode(new BigInteger(s.getValue().replace("_", "")));
            } catch (NumberFormatException e) {
                return JSON.stringNode(s.getValue()); // sexagesimal 1:30 and the like: not a number to the loader either
            }
        }
        if (tag.equals(Tag.FLOAT)) {
            Optional<Double> d = Scalars.number(s);
            return d.isPresent() ? JSON.numberNode(d.get()) : JSON.stringNode(s.getValue());
        }
        return JSON.stringNode(s.getValue());
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    /** RFC 6901: "~" as "~0", "/" as "~1". */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
