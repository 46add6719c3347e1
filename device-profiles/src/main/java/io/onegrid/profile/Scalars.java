package io.onegrid.profile;

import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML scalars by their resolved tag, never by constructing objects: a quoted "0.10" stays text,
 * so a number written as text is reported instead of silently converted.
 */
public final class Scalars {
    private static final Set<String> TRUE = Set.of("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON");

    private Scalars() { }

    public static Optional<Double> number(Node node) {
        if (!(node instanceof ScalarNode s)) return Optional.empty();
        if (s.getTag().equals(Tag.INT)) return integer(node).map(Long::doubleValue);
        if (!s.getTag().equals(Tag.FLOAT)) return Optional.empty();
        try {
            double d = Double.parseDouble(s.getValue().replace("_", ""));
            return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whole numbers, including hexadecimal "0x10" (handy for register addresses). */
    public static Optional<Long> integer(Node node) {
        if (!(node instanceof ScalarNode s) || !s.getTag().equals(Tag.INT)) return Optional.empty();
        String v = s.getValue().replace("_", "");
        try {
            if (v.startsWith("0b")) return Optional.of(Long.parseLong(v.substring(2), 2));
            return Optional.of(Long.decode(v));
        } catch (NumberFormatException e) {
            return Optional.empty(); // e.g. YAML 1.1 sexagesimal 1:30
        }
    }

    public static Optional<Boolean> bool(Node node) {
        if (!(node instanceof ScalarNode s) || !s.getTag().equals(Tag.BOOL)) return Optional.empty();
        return Optional.of(TRUE.contains(s.getValue()));
    }

    /** A reading-like value: Boolean, Double or String (as {@code Reading.value} holds); empty for lists/maps. */
    public static Optional<Object> value(Node node) {
        if (!(node instanceof ScalarNode s)) return Optional.empty();
        Optional<Boolean> b = bool(node);
        if (b.isPresent()) return Optional.of(b.get());
        Optional<Double> d = number(node);
        if (d.isPresent()) return Optional.of(d.get());
        if (s.getTag().equals(Tag.NULL)) return Optional.empty();
        return Optional.of(s.getValue());
    }

    /** Same as {@link #value(Node)} for text from a device instance's overrides ("true", "0.2", "open"). */
    public static Object value(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) return Boolean.parseBoolean(t);
        try {
            double d = Double.parseDouble(t);
            if (Double.isFinite(d)) return d;
        } catch (NumberFormatException e) {
            // not a number: text
        }
        return t;
    }
}
