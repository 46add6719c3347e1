package io.onegrid.gateway.cli.support;

import java.io.PrintWriter;
import java.util.function.Predicate;
import picocli.CommandLine;

/**
 * The one way a gateway command line runs: picocli on the given streams, and the exit codes the docs promise, 0 ok,
 * 1 failure, 2 usage. A usage error is a bad option or argument (picocli's ParameterException) or an exception the
 * command names as one; any other exception a command throws is a failure. Either prints one line,
 * {@code <command name>: <message>}, on the error stream, never a stack trace.
 */
public final class CliRunner {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private CliRunner() {
    }

    /** The process's standard output, for a command line's {@code run(String[])} that the gateway jar calls. */
    public static PrintWriter stdout() {
        return new PrintWriter(System.out, true);
    }

    /** The process's standard error. */
    public static PrintWriter stderr() {
        return new PrintWriter(System.err, true);
    }

    /** Runs {@code command}, for a command whose every exception is a failure. */
    public static int execute(Object command, String[] args, PrintWriter out, PrintWriter err) {
        return execute(command, args, out, err, e -> false);
    }

    /**
     * Runs {@code command} (a picocli {@code @Command}) with {@code args}, printing on {@code out} and {@code err}, and
     * returns its exit code; exceptions {@code usageError} accepts exit 2 instead of 1.
     */
    public static int execute(Object command, String[] args, PrintWriter out, PrintWriter err,
            Predicate<? super Exception> usageError) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(out);
        cl.setErr(err);
        // the root's name: a subcommand's own ("list") would not tell the user which program spoke
        String name = cl.getCommandName();
        cl.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println(name + ": " + (e.getMessage() == null ? e : e.getMessage()));
            return usageError.test(e) ? USAGE : FAILURE;
        });
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? USAGE : FAILURE);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
