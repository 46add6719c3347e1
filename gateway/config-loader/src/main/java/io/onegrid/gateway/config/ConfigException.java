package io.onegrid.gateway.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The gateway configuration file is unusable. Carries every problem found (not just the first), each with
 * its line, so an installer can fix the file in one pass. The message never contains a secret's value.
 */
public class ConfigException extends Exception {
    private final String file;
    private final List<ConfigProblem> problems;

    public ConfigException(String file, List<ConfigProblem> problems) {
        super(describe(file, problems.stream().sorted(java.util.Comparator.comparingInt(ConfigProblem::line)).toList()));
        this.file = file;
        this.problems = problems.stream().sorted(java.util.Comparator.comparingInt(ConfigProblem::line)).toList();
    }

    public ConfigException(String file, int line, String message) {
        this(file, List.of(new ConfigProblem(line, message)));
    }

    public String file() {
        return file;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(String file, List<ConfigProblem> problems) {
        String lines = problems.stream()
                .map(p -> "  " + file + (p.line() > 0 ? ":" + p.line() : "") + ": " + p.message())
                .collect(Collectors.joining("\n"));
        return "configuration file " + file + " has " + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + ":\n" + lines;
    }
}
