package io.onegrid.profile;

import java.util.List;

/**
 * A profile that cannot be used, with the file, the line (1-based, 0 if unknown) and what is wrong.
 * When a file has several problems, the first is thrown and {@link #allProblems()} lists every one, so
 * a validator can show them all at once.
 */
public class ProfileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final String problem;
    private final transient List<ProfileException> all;

    public ProfileException(String file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
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
        this.problem = first.problem;
        this.all = List.copyOf(problems);
    }

    public String file() { return file; }
    public int line() { return line; }
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
