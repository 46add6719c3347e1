package io.onegrid.gateway.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code onegrid-gateway outbox ...}: operator commands on a gateway's outbox file, run by the gateway jar
 * before (instead of) the OSGi launch ({@code java -jar onegrid-gateway.jar outbox quarantine list ...},
 * {@code ./onegrid gateway outbox ...}). They work on the file directly, also while the gateway runs (see
 * {@code io.onegrid.outbox.QuarantineFile}). Exit codes: 0 ok, 1 failure (no such file, unknown id, a broken
 * configuration file), 2 usage.
 */
@Command(name = "onegrid-gateway outbox", subcommands = QuarantineCommand.class,
        description = "Look into and repair a gateway's outbox (outbox.db), also while the gateway runs.",
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage."})
public final class OutboxCli implements Callable<Integer> {
    @CommandLine.Mixin
    Help help;

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** The gateway jar calls this (reflectively, on its own class loader) with the arguments after "outbox". */
    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new OutboxCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("onegrid-gateway outbox: " + (e.getMessage() == null ? e : e.getMessage()));
            return FAILURE;
        });
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? USAGE : FAILURE);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
