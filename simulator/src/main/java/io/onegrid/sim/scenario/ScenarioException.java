package io.onegrid.sim.scenario;

import io.onegrid.profile.ProfileException;
import java.util.List;

/**
 * A scenario that cannot be run: the file, the line and column (1-based, 0 if unknown) and what is wrong.
 * A file with several problems throws one exception carrying all of them ({@link #allProblems()}), each as
 * "file:line:column: problem".
 */
public class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final int column;
    private final String problem;
    private final List<String> all;

    public ScenarioException(String file, int line, String problem) {
        this(file, line, 0, problem, List.of());
    }

    private ScenarioException(String file, int line, int column, String problem, List<String> all) {
        super(where(file, line, column) + problem + (all.size() > 1 ? " (and " + (all.size() - 1) + " more problem"
                + (all.size() > 2 ? "s" : "") + ")" : ""));
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
        this.all = all.isEmpty() ? List.of(where(file, line, column) + problem) : List.copyOf(all);
    }

    /** The problems the shared YAML reader found, as one scenario exception. */
    public static ScenarioException of(ProfileException e) {
        List<String> all = e.allProblems().stream()
                .map(p -> where(p.file(), p.line(), p.column()) + p.problem()).toList();
        return new ScenarioException(e.file(), e.line(), e.column(), e.problem(), all);
    }

    public String file() { return file; }

    public int line() { return line; }

    public int column() { return column; }

    public String problem() { return problem; }

    /** Every problem of the file, "file:line:column: problem", in file order. */
    public List<String> allProblems() { return all; }

    private static String where(String file, int line, int column) {
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": ";
    }
}
