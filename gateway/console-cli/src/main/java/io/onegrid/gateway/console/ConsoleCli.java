package io.onegrid.gateway.console;

import io.onegrid.gateway.cli.support.CliRunner;
import io.onegrid.gateway.cli.support.Help;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code onegrid-gateway console ...}: asks the running gateway on this machine, through its local console socket
 * (bundles/local-console), what the hub's commands would answer: status, devices, read DEVICE, alarms, outbox.
 * Tables for people, the gateway's JSON with {@code --json}. Exit codes: 0 ok, 1 the gateway is not running or
 * refused the command, 2 usage.
 */
@Command(name = "onegrid-gateway console",
        subcommands = {ConsoleCli.Status.class, ConsoleCli.Devices.class, ConsoleCli.Read.class, ConsoleCli.Alarms.class,
                ConsoleCli.Outbox.class},
        description = "Ask the gateway running on this machine about itself, without the hub.",
        footer = {"", "Exit codes: 0 ok, 1 gateway not running or command refused, 2 usage."})
public final class ConsoleCli implements Callable<Integer> {
    @Mixin
    Help help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CliRunner.USAGE;
    }

    /** What every subcommand shares: where the socket is, the output form, and asking. */
    abstract static class Ask implements Callable<Integer> {
        @Mixin
        Help help;
        @Mixin
        SocketLocation location;
        @CommandLine.Option(names = "--json", description = "Print the gateway's reply as JSON (one object).")
        boolean json;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        abstract String command();

        Map<String, Object> args() {
            return Map.of();
        }

        @Override
        public Integer call() throws Exception {
            Reply reply = new ConsoleClient(location.resolve()).ask(command(), args());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(reply.json());
            } else if (reply.ok()) {
                Tables.print(command(), reply.result(), out);
            }
            if (!reply.ok()) {
                spec.commandLine().getErr().println("onegrid-gateway console: " + command() + " refused ("
                        + reply.errorCode() + "): " + reply.errorMessage());
                return CliRunner.FAILURE;
            }
            return CliRunner.OK;
        }
    }

    @Command(name = "status", description = "Uptime, software, outbox and device summary (the hub's 'status').")
    static final class Status extends Ask {
        String command() {
            return "status";
        }
    }

    @Command(name = "devices", description = "Each device: communication state, last reading age, last values.")
    static final class Devices extends Ask {
        String command() {
            return "devices";
        }
    }

    @Command(name = "read", description = "Read one device's channels now (the hub's 'read').")
    static final class Read extends Ask {
        @Parameters(paramLabel = "DEVICE", description = "The device's id in the gateway's configuration.")
        String device;

        String command() {
            return "read";
        }

        @Override
        Map<String, Object> args() {
            return Map.of("device", device);
        }
    }

    @Command(name = "alarms", description = "The alarms raised now.")
    static final class Alarms extends Ask {
        String command() {
            return "alarms";
        }
    }

    @Command(name = "outbox", description = "Messages waiting for the hub (depth, oldest) and the quarantine.")
    static final class Outbox extends Ask {
        String command() {
            return "outbox";
        }
    }

    /** The gateway jar calls this (reflectively, on its own class loader) with the arguments after "console". */
    public static int run(String[] args) {
        return run(args, CliRunner.stdout(), CliRunner.stderr());
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return CliRunner.execute(new ConsoleCli(), args, out, err);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
