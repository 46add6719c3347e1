package io.onegrid.gateway.config;

import io.onegrid.profile.Durations;
import io.onegrid.profile.Scalars;
import io.onegrid.profile.Sizes;
import io.onegrid.profile.YamlMap;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The configuration file's value syntax on top of the shared reader ({@link YamlMap}): trimmed text, sizes
 * ({@link Sizes}), and time settings that take a bare number in the unit their key names (as files have
 * always written them: {@code keepAliveSeconds: 30}) or the one duration syntax ({@link Durations}: 30s, 1m).
 * Every getter returns null for an absent or bad value, reporting the bad one, so reading goes on.
 */
final class Values {
    /** Gateway, device and bus ids end up in MQTT topics and PIDs: no '/', '+', '#', ':' or spaces. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final String ID_HINT = "letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit)";

    private Values() {
    }

    /** How messages name a key: "hub.uri", or "device 'a'.address" (the key alone at the top). */
    static String qualified(YamlMap map, String key) {
        return map.where().equals(GatewayConfigParser.TOP) ? key : map.where() + "." + key;
    }

    /** The scalar text of {@code key}, trimmed; null when absent or empty (reported if required) or not a scalar. */
    static String text(YamlMap map, String key, boolean required) {
        Node v = map.value(key);
        if (v == null) {
            if (required) map.problems().add(map.node(), map.where() + " needs '" + key + "'");
            return null;
        }
        if (!(v instanceof ScalarNode s)) {
            map.problems().add(v, qualified(map, key) + " must be a single value, not " + YamlMap.describe(v));
            return null;
        }
        String text = s.getValue().trim();
        if (text.isEmpty()) {
            if (required) map.problems().add(v, qualified(map, key) + " must not be empty");
            return null;
        }
        return text;
    }

    /** A whole number within [min, max]; "1_000" and hexadecimal as YAML writes them. */
    static Long number(YamlMap map, String key, long min, long max) {
        String text = text(map, key, false);
        if (text == null) return null;
        Optional<Long> n = wholeNumber(map.value(key), text);
        if (n.isEmpty() || n.get() < min || n.get() > max) {
            map.problems().add(map.value(key), qualified(map, key) + " must be a whole number from " + min + " to "
                    + max + ", got '" + text + "'");
            return null;
        }
        return n.get();
    }

    /** Milliseconds within [min, max] ms: a bare number of milliseconds or a duration (250ms, 2s). */
    static Long millis(YamlMap map, String key, long min, long max) {
        return time(map, key, Duration.ofMillis(1), min, max, "milliseconds");
    }

    /** Whole seconds within [min, max] s: a bare number of seconds or a duration (30s, 5m). */
    static Long seconds(YamlMap map, String key, long min, long max) {
        return time(map, key, Duration.ofSeconds(1), min, max, "seconds");
    }

    private static Long time(YamlMap map, String key, Duration unit, long min, long max, String unitName) {
        String text = text(map, key, false);
        if (text == null) return null;
        Node node = map.value(key);
        Optional<Long> bare = wholeNumber(node, text);
        Long value = bare.orElse(null);
        if (value == null) {
            Optional<Duration> d = Durations.parse(text);
            if (d.isPresent() && d.get().toMillis() % unit.toMillis() == 0) value = d.get().toMillis() / unit.toMillis();
        }
        if (value == null || value < min || value > max) {
            map.problems().add(node, qualified(map, key) + " must be a whole number of " + unitName + " from " + min
                    + " to " + max + ", or a duration" + (unit.toMillis() > 1 ? " of whole " + unitName : "")
                    + " in that range (" + Durations.DURATION_HINT + "), got '" + text + "'");
            return null;
        }
        return value;
    }

    /** Bytes, at least {@code min}: a number of bytes or a size ({@link Sizes}). */
    static Long size(YamlMap map, String key, long min) {
        String text = text(map, key, false);
        if (text == null) return null;
        Node node = map.value(key);
        Optional<Long> bytes = Sizes.parse(text);
        if (bytes.isEmpty()) {
            map.problems().add(node, qualified(map, key) + " must be " + Sizes.SIZE_HINT + ", got '" + text + "'");
            return null;
        }
        if (bytes.get() < min) {
            map.problems().add(node, qualified(map, key) + " must be at least " + Sizes.format(min) + ", got '" + text + "'");
            return null;
        }
        return bytes.get();
    }

    /** A path, relative ones against {@code baseDir}; null when absent or not a path (reported). */
    static Path path(YamlMap map, String key, Path baseDir) {
        String text = text(map, key, false);
        if (text == null) return null;
        try {
            return baseDir.resolve(text).normalize();
        } catch (InvalidPathException e) {
            map.problems().add(map.value(key), qualified(map, key) + " '" + text + "' is not a valid path");
            return null;
        }
    }

    /** An id ({@link #ID}); null when absent or not an id (reported). */
    static String id(YamlMap map, String key, boolean required, String why) {
        String id = text(map, key, required);
        if (id != null && !ID.matcher(id).matches()) {
            map.problems().add(map.value(key), qualified(map, key) + " '" + id + "' may use only " + ID_HINT + why);
            return null;
        }
        return id;
    }

    /** 1-based line of a node, 0 when unknown. */
    static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** A YAML integer, or the same digits quoted ("30") as files written for the old reader may hold. */
    private static Optional<Long> wholeNumber(Node node, String text) {
        Optional<Long> n = Scalars.integer(node);
        if (n.isPresent()) return n;
        String digits = text.replace("_", "");
        if (!digits.matches("\\d{1,18}")) return Optional.empty();
        return Optional.of(Long.parseLong(digits));
    }
}
