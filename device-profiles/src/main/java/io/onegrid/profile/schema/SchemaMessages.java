package io.onegrid.profile.schema;

import com.networknt.schema.Error;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Turns a validator error into a sentence in the loader's manner: where it is (as a path such as
 * {@code channels[0].modbus.table}), what is wrong, and what is allowed there, read from the schema itself so
 * the sentence cannot drift from the schema.
 */
final class SchemaMessages {
    private final JsonNode schema;

    SchemaMessages(JsonNode schema) {
        this.schema = schema;
    }

    /** The sentence for {@code e} at instance {@code pointer}; null for errors that only summarise others. */
    String describe(Error e, String pointer) {
        String where = path(pointer);
        JsonNode value = e.getInstanceNode();
        JsonNode at = schemaAt(e);
        return switch (e.getKeyword()) {
            case "additionalProperties" -> "unknown key '" + e.getProperty() + "' in " + where
                    + " (allowed: " + String.join(", ", propertiesBeside(e)) + ")";
            case "required" -> where + " has no '" + e.getProperty() + "' (required there: " + list(requiredAt(e)) + ")";
            case "enum" -> where + " is " + shown(value) + ", which is not one of its values (allowed: " + values(at) + ")";
            case "const" -> where + " is " + shown(value) + " (allowed: " + shown(at) + ")";
            case "type" -> where + " is " + kind(value) + " " + shown(value) + " (allowed: " + typeWords(at) + ")";
            case "pattern" -> where + " is " + shown(value) + ", which does not have the expected form (allowed: "
                    + described(e, "text matching " + at.asString()) + ")";
            case "not" -> where + " is " + shown(value) + ", which is not allowed here (allowed: " + described(e, "another value") + ")";
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> where + " is " + shown(value)
                    + ", out of range (allowed: " + range(parentOf(e)) + ")";
            case "minItems" -> where + " has too few entries (allowed: at least " + at.asInt() + ")";
            case "maxItems" -> where + " has too many entries (allowed: at most " + at.asInt() + ")";
            case "minLength", "maxLength" -> where + " has the wrong length (allowed: " + range(parentOf(e)) + " characters)";
            case "propertyNames" -> "key '" + e.getProperty() + "' is not allowed in " + where + " (allowed: "
                    + propertyNamesAllowed(at) + ")";
            case "oneOf", "allOf", "if", "then", "else", "$ref" -> null;
            default -> where + ": " + stripPointer(e.getMessage(), pointer);
        };
    }

    /**
     * One sentence for the branches of an anyOf that all failed at {@code pointer}: the validator reports each
     * branch, but the mistake is one.
     */
    String anyOf(String pointer, List<Error> branches) {
        List<String> required = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Error e : branches) {
            if (e.getKeyword().equals("required")) required.add("'" + e.getProperty() + "'");
            else others.add(describe(e, pointer));
        }
        if (others.isEmpty()) {
            return path(pointer) + " has none of " + String.join(", ", required) + " (allowed: at least one of them)";
        }
        return path(pointer) + " matches none of its allowed forms: " + String.join("; or ", others);
    }

    /** "channels[0].modbus.table" for "/channels/0/modbus/table"; "the profile" for the root. */
    static String path(String pointer) {
        if (pointer.isEmpty() || pointer.equals("/")) return "the profile";
        StringBuilder sb = new StringBuilder();
        for (String part : pointer.substring(1).split("/", -1)) {
            String p = part.replace("~1", "/").replace("~0", "~");
            if (!p.isEmpty() && p.chars().allMatch(Character::isDigit)) sb.append('[').append(p).append(']');
            else sb.append(sb.isEmpty() ? "" : ".").append(p);
        }
        return sb.toString();
    }

    private JsonNode schemaAt(Error e) {
        JsonNode n = e.getSchemaNode();
        return n == null ? tools.jackson.databind.node.MissingNode.getInstance() : n;
    }

    /** The schema object that holds the failing keyword (the keyword's location minus its last step). */
    private JsonNode parentOf(Error e) {
        String fragment = fragment(e);
        int slash = fragment.lastIndexOf('/');
        return slash <= 0 ? schema : schema.at(fragment.substring(0, slash));
    }

    private static String fragment(Error e) {
        String loc = String.valueOf(e.getSchemaLocation());
        int hash = loc.indexOf('#');
        return hash < 0 ? "" : loc.substring(hash + 1);
    }

    /** The nearest description above the failing keyword (e.g. the duration's), or {@code fallback}. */
    private String described(Error e, String fallback) {
        String fragment = fragment(e);
        while (!fragment.isEmpty()) {
            JsonNode d = schema.at(fragment).path("description");
            if (d.isString()) return lowerFirst(d.asString().replaceAll("\\.$", ""));
            int slash = fragment.lastIndexOf('/');
            if (slash < 0) break;
            String above = fragment.substring(0, slash);
            // a property's own schema is as far up as a description still speaks of this value
            if (above.endsWith("/properties") || above.endsWith("/$defs")) break;
            fragment = above;
        }
        return fallback;
    }

    private static String lowerFirst(String s) {
        return s.length() > 1 && Character.isUpperCase(s.charAt(0)) && !Character.isUpperCase(s.charAt(1))
                ? Character.toLowerCase(s.charAt(0)) + s.substring(1) : s;
    }

    private List<String> propertiesBeside(Error e) {
        List<String> keys = new ArrayList<>();
        parentOf(e).path("properties").propertyNames().forEach(keys::add);
        return keys;
    }

    private List<String> requiredAt(Error e) {
        List<String> keys = new ArrayList<>();
        JsonNode r = schemaAt(e);
        if (r.isArray()) r.forEach(k -> keys.add(k.asString()));
        return keys;
    }

    private String propertyNamesAllowed(JsonNode names) {
        JsonNode resolved = resolve(names);
        if (resolved.has("enum")) return values(resolved.get("enum"));
        if (resolved.has("pattern")) return "ids such as pressure or temperature-1 (lower-case letters, digits, - and _,"
                + " starting with a letter)";
        return "other names";
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.path("$ref");
        return ref.isString() && ref.asString().startsWith("#") ? resolve(schema.at(ref.asString().substring(1))) : node;
    }

    private static String range(JsonNode owner) {
        String lo = owner.has("minimum") ? owner.get("minimum").asString()
                : owner.has("exclusiveMinimum") ? "more than " + owner.get("exclusiveMinimum").asString() : null;
        String hi = owner.has("maximum") ? owner.get("maximum").asString()
                : owner.has("exclusiveMaximum") ? "less than " + owner.get("exclusiveMaximum").asString() : null;
        if (lo != null && hi != null) return lo + " to " + hi;
        if (lo != null) return lo.startsWith("more") ? lo : lo + " or more";
        return hi == null ? "another value" : hi.startsWith("less") ? hi : hi + " or less";
    }

    private static String values(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array) out.add(v.isString() ? v.asString() : v.toString());
        return String.join(", ", out);
    }

    private static String list(List<String> keys) {
        return String.join(", ", keys);
    }

    private static String typeWords(JsonNode type) {
        List<String> out = new ArrayList<>();
        if (type.isArray()) type.forEach(t -> out.add(word(t.asString())));
        else out.add(word(type.asString()));
        return String.join(" or ", out);
    }

    private static String word(String jsonType) {
        return switch (jsonType) {
            case "string" -> "text";
            case "number" -> "a number";
            case "integer" -> "a whole number";
            case "boolean" -> "true or false";
            case "object" -> "a mapping (key: value)";
            case "array" -> "a list";
            default -> jsonType;
        };
    }

    private static String kind(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) return "empty";
        if (v.isObject()) return "a mapping";
        if (v.isArray()) return "a list";
        if (v.isBoolean()) return "a boolean";
        if (v.isIntegralNumber()) return "a whole number";
        if (v.isNumber()) return "a number";
        return "text";
    }

    private static String shown(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) return "empty";
        if (v.isObject()) return "a mapping";
        if (v.isArray()) return "a list";
        String text = v.isString() ? v.asString() : v.toString();
        return "'" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "'";
    }

    private static String stripPointer(String message, String pointer) {
        return message != null && message.startsWith(pointer + ": ") ? message.substring(pointer.length() + 2) : String.valueOf(message);
    }
}
