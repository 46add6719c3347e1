package io.onegrid.gateway.config;

import io.onegrid.profile.ProfileException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The gateway configuration file is unusable. Carries every problem found (not just the first), each with
 * its line and column, so an installer can fix the file in one pass. The message never contains a secret's value.
 */
public class ConfigException extends Exception {
    private static final Comparator<ConfigProblem> IN_FILE_ORDER =
            Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column);
    private final String file;
    private final List<ConfigProblem> problems;

    public ConfigException(String file, List<ConfigProblem> problems) {
        super(describe(file, problems.stream().sorted(IN_FILE_ORDER).toList()));
        this.file = file;
        this.problems = problems.stream().sorted(IN_FILE_ORDER).toList();
    }

    public ConfigException(String file, int line, String message) {
        this(file, List.of(new ConfigProblem(line, message)));
    }

    /** The problems the shared YAML reader found (syntax, limits, keys, values), each keeping line and column. */
    static ConfigException of(String file, List<ProfileException> found) {
        return new ConfigException(file, found.stream()
                .map(p -> new ConfigProblem(p.line(), p.column(), p.problem())).toList());
    }

    public String file() {
        return file;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(String file, List<ConfigProblem> problems) {
        String lines = problems.stream().map(p -> "  " + p.describe(file)).collect(Collectors.joining("\n"));
        return "configuration file " + file + " has " + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + ":\n" + lines;
    }
}
