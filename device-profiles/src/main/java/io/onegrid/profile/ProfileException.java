package io.onegrid.profile;

import java.util.List;

/**
 * A profile that cannot be used, with the file, the line and column (1-based, 0 if unknown) and what is
 * wrong. When a file has several problems, the first is thrown and {@link #allProblems()} lists every one,
 * so a validator can show them all at once. Other YAML files read with {@link YamlMap} (the hub's grid file)
 * collect their problems as instances of this class too.
 */
public class ProfileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final int column;
    private final String problem;
    private final transient List<ProfileException> all;

    public ProfileException(String file, int line, String problem) {
        this(file, line, 0, problem);
    }

    /** A problem at a known column; the message keeps the "file:line: problem" form profiles always had. */
    public ProfileException(String file, int line, int column, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
        this.all = List.of(this);
    }

    /** The first of {@code problems} (which must not be empty), carrying all of them. */
    public ProfileException(List<ProfileException> problems) {
        super(problems.get(0).getMessage()
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problem"
                + (problems.size() > 2 ? "s" : "") + ")" : ""));
        ProfileException first = problems.get(0);
        this.file = first.file;
        this.line = first.line;
        this.column = first.column;
        this.problem = first.problem;
        this.all = List.copyOf(problems);
    }

    public String file() { return file; }
    public int line() { return line; }
    public int column() { return column; }
    public String problem() { return problem; }

    /** Every problem found in the file, in file order (at least this one). */
    public List<ProfileException> allProblems() {
        return all == null ? List.of(this) : all;
    }

    /** "file:line: problem", the form compilers and editors understand. */
    public String describe() {
        return file + (line > 0 ? ":" + line : "") + ": " + problem;
    }
}
