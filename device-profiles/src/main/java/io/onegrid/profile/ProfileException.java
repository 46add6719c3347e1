package io.onegrid.profile;

/** A profile that cannot be used, with the file, the line (1-based, 0 if unknown) and what is wrong. */
public class ProfileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final String problem;

    public ProfileException(String file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public String file() { return file; }
    public int line() { return line; }
    public String problem() { return problem; }
}
