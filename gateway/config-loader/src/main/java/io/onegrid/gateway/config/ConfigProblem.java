package io.onegrid.gateway.config;

/**
 * One thing wrong with the configuration file: where it is (1-based line and column, 0 when unknown) and a
 * sentence saying what is wrong and what is allowed.
 */
public record ConfigProblem(int line, int column, String message) {
    public ConfigProblem(int line, String message) {
        this(line, 0, message);
    }

    /** "file:line:column: message", the form compilers and editors understand (line and column when known). */
    public String describe(String file) {
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + message;
    }
}
