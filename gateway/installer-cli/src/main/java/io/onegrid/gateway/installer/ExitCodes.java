package io.onegrid.gateway.installer;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** The installer commands' exit codes and the one way they run: 0 ok, 1 refused or failed, 2 usage. */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    private ExitCodes() {
    }

    static int execute(String name, Callable<Integer> command, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            int code = e instanceof UsageException ? USAGE : FAILURE;
            commandLine.getErr().println(name + ": " + (e.getMessage() == null ? e : e.getMessage()));
            return code;
        });
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? USAGE : FAILURE);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
