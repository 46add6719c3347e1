package io.onegrid.hub.grid;

import java.util.List;

/** Placeholder until the grid file reader lands. */
public class GridException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public GridException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
