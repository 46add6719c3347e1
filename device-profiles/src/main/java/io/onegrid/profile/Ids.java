package io.onegrid.profile;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Ids of profiles, channels and rules: lower case, digits, '-' and '_', so "<rule-id>.<param>" stays unambiguous. */
public final class Ids {
    static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    static final String HINT = "an id of lower-case letters, digits, '-' or '_', starting with a letter (at most 64 characters)";
    public static final Pattern CASE_TYPE = Pattern.compile("[a-z][a-z0-9_-]*(?:\\.[a-z][a-z0-9_-]*)*");
    public static final String CASE_TYPE_HINT = "a dotted case type such as fire.smoke or welfare.inactivity (lower case)";

    private Ids() { }

    /** Checks an id read from {@code map}'s {@code key}; returns it when valid, null (reported) otherwise. */
    static String check(YamlMap map, String key, String id) {
        if (id == null) return null;
        if (!ID.matcher(id).matches()) {
            map.problems().add(map.value(key), "'" + key + "' in " + map.where() + " must be " + HINT + ", got '" + id + "'");
            return null;
        }
        return id;
    }

    /** The "id" of a mapping before it is read properly, to name it in messages; null when there is none. */
    static String peek(Node node) {
        return YamlMap.peek(node, "id");
    }
}
