package io.onegrid.hub.grid;

import java.util.List;

/**
 * A grid file (or {@code PUT /api/grid} body) that cannot become a {@link Grid}. The message lists every
 * problem found, one per line, each as {@code source:line:column: what is wrong}, the form editors and
 * compilers understand. Problems name people by id only, never by name or phone.
 */
public final class GridException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    /** {@code problems} must not be empty; each is already in {@code source:line:column: problem} form. */
    public GridException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) throw new IllegalArgumentException("a GridException needs at least one problem");
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in file order. */
    public List<String> problems() {
        return problems;
    }
}
