package io.onegrid.gateway.cli;

import io.onegrid.gateway.cli.support.CliRunner;
import io.onegrid.gateway.cli.support.Help;
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CliRunner.USAGE;
    }

    /** The gateway jar calls this (reflectively, on its own class loader) with the arguments after "outbox". */
    public static int run(String[] args) {
        return run(args, CliRunner.stdout(), CliRunner.stderr());
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return CliRunner.execute(new OutboxCli(), args, out, err);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
