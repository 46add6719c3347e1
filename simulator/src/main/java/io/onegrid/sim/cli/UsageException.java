package io.onegrid.sim.cli;

/** Wrong command-line use; the CLI prints the message and the usage hint and exits with 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
