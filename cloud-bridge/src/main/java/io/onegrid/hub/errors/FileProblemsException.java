package io.onegrid.hub.errors;

import java.util.List;

/**
 * A file (or request body in a file's format) that cannot be read as what it should be: the grid file, the SLA
 * policy. The message lists every problem, one per line, as {@code source:line:column: what is wrong}, the form
 * editors and compilers understand.
 */
public abstract class FileProblemsException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    /** {@code problems} must not be empty; each is already in {@code source:line:column: problem} form. */
    protected FileProblemsException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) throw new IllegalArgumentException(getClass().getSimpleName() + " needs at least one problem");
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in file order. */
    public List<String> problems() {
        return problems;
    }
}
