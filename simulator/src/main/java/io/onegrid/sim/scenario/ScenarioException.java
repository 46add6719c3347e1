package io.onegrid.sim.scenario;

/** A scenario that cannot be run, with the file, the line (1-based, 0 if unknown) and what is wrong. */
public class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final String problem;

    public ScenarioException(String file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public String file() { return file; }

    public int line() { return line; }

    public String problem() { return problem; }
}
