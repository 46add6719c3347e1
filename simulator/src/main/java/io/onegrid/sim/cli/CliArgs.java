package io.onegrid.sim.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Command-line arguments: positional words, {@code --name value} / {@code --name=value} options and
 * {@code --flag} switches. Options and flags are declared up front so typos are errors, not no-ops.
 */
final class CliArgs {
    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();

    private CliArgs() { }

    static CliArgs parse(List<String> args, Set<String> valueOptions, Set<String> flags) {
        CliArgs parsed = new CliArgs();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.equals("--")) {
                parsed.positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                value = "true";
            } else if (valueOptions.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
            } else {
                throw new UsageException("unknown option --" + name);
            }
            if (parsed.options.put(name, value) != null) {
                throw new UsageException("--" + name + " is given twice");
            }
        }
        return parsed;
    }

    List<String> positional() { return positional; }

    boolean flag(String name) { return options.containsKey(name); }

    Optional<String> option(String name) { return Optional.ofNullable(options.get(name)); }

    String option(String name, String fallback) { return options.getOrDefault(name, fallback); }

    int port(String name, int fallback) {
        String text = options.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a port number 0..65535 (0 = any free port), not '" + text + "'");
        }
    }

    double positiveNumber(String name, double fallback) {
        String text = options.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            double v = Double.parseDouble(text);
            if (v > 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + name + " must be a number > 0, not '" + text + "'");
    }
}
