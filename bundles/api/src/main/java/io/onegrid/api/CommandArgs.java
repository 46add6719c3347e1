package io.onegrid.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The arguments of one command (a JSON object: String, Boolean, Number, List, Map or null values), with the checks
 * every handler needs. A problem is a {@link CommandException} {@code BAD_REQUEST} that names the argument.
 */
public record CommandArgs(Map<String, Object> values) {
    public CommandArgs {
        // JSON null is a value, which Map.copyOf refuses
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values == null ? Map.of() : values));
    }

    public static CommandArgs none() {
        return new CommandArgs(Map.of());
    }

    /** Refuses any argument not in {@code allowed}: a misspelt argument must not be ignored in silence. */
    public CommandArgs only(String... allowed) throws CommandException {
        List<String> known = Arrays.asList(allowed);
        TreeSet<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw bad("unknown argument" + (unknown.size() == 1 ? " " : "s ") + unknown + "; "
                    + (known.isEmpty() ? "this command takes none" : "allowed: " + known));
        }
        return this;
    }

    /** A required argument that must be a non-empty string. */
    public String string(String name) throws CommandException {
        Object v = values.get(name);
        if (!(v instanceof String s) || s.isEmpty()) throw bad("argument '" + name + "' must be a non-empty string");
        return s;
    }

    /** A required argument of any JSON type but null. */
    public Object value(String name) throws CommandException {
        Object v = values.get(name);
        if (v == null) throw bad("argument '" + name + "' is required");
        return v;
    }

    private static CommandException bad(String message) {
        return new CommandException(CommandException.Code.BAD_REQUEST, message);
    }
}
