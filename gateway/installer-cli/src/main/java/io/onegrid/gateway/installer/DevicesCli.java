package io.onegrid.gateway.installer;

import io.onegrid.gateway.cli.support.CliRunner;
import io.onegrid.gateway.cli.support.Help;
import io.onegrid.gateway.config.GatewayConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code onegrid-gateway devices list|add|remove}: declares this gateway's devices in gateway.yaml without an editor
 * (docs/installing.md, "Declaring devices"). Every edit is checked by the gateway's own parser before it is written.
 */
@Command(name = "onegrid-gateway devices", subcommands = {DevicesCli.ListDevices.class, DevicesCli.Add.class, DevicesCli.Remove.class},
        description = "List, add or remove the devices declared in gateway.yaml. An edit the gateway would not load"
                + " is refused with file:line:column and the reason, and nothing is written.",
        footer = {"", "Exit codes: 0 done, 1 refused (the file's problems are printed), 2 usage.",
                "Example: onegrid-gateway devices add smoke-302 --profile smoke-detector-gpio --address smoke=17,siren=27 --site bldg-7 --unit 302"})
public final class DevicesCli implements Callable<Integer> {
    static final String NAME = "onegrid-gateway devices";
    static final String WATCHED = "the running gateway picks the change up by itself (it watches the file)";

    @CommandLine.Mixin
    Help help;

    @Override
    public Integer call() throws UsageException {
        throw new UsageException("name what to do: list, add or remove (see --help)");
    }

    /** {@code --config FILE}, the same on every subcommand. */
    static final class ConfigFile {
        @Option(names = "--config", paramLabel = "FILE", defaultValue = "/etc/onegrid/gateway.yaml",
                description = "The gateway's configuration file (default: ${DEFAULT-VALUE}).")
        Path config;

        DeviceFile open() {
            return new DeviceFile(config, Path.of(""));
        }
    }

    @Command(name = "list", description = "Print the devices the file declares.")
    static final class ListDevices implements Callable<Integer> {
        @CommandLine.Mixin Help help;
        @CommandLine.Mixin ConfigFile file;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            GatewayConfig config = refusable(spec, () -> file.open().read());
            if (config == null) return CliRunner.FAILURE;
            PrintWriter out = spec.commandLine().getOut();
            if (config.devices().isEmpty()) {
                out.println(file.config + " declares no devices; add one with: onegrid-gateway devices add ID --profile P ...");
                return CliRunner.OK;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "PROFILE", "ADDRESS", "SITE/UNIT/AREA", "RESIDENT"});
            for (GatewayConfig.Device d : config.devices()) {
                String where = d.bus() == null ? d.address() : "bus " + d.bus() + " unit " + d.address();
                String covers = String.join("/", dash(d.site()), dash(d.unit()), dash(d.area()));
                rows.add(new String[] {d.id(), d.profile(), where, covers, dash(d.residentId())});
            }
            Table.print(out, rows);
            return CliRunner.OK;
        }

        private static String dash(String s) {
            return s == null ? "-" : s;
        }
    }

    @Command(name = "add", description = "Append a device to the file's devices: (comments and layout stay as they are).")
    static final class Add implements Callable<Integer> {
        @CommandLine.Mixin Help help;
        @CommandLine.Mixin ConfigFile file;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "The device's id, unique on this gateway (letters, digits, '.', '_', '-').")
        String id;
        @Option(names = "--profile", required = true, paramLabel = "P", description = "Profile id from the catalog, e.g. smoke-detector-gpio.")
        String profile;
        @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
        Reach reach;
        @Option(names = "--site", paramLabel = "S", description = "The site (building) the device covers (the file requires one).")
        String site;
        @Option(names = "--unit", paramLabel = "U", description = "The flat or unit it covers.")
        String unit;
        @Option(names = "--area", paramLabel = "A", description = "The common area it covers (stairwell, boiler room).")
        String area;
        @Option(names = "--resident", paramLabel = "R", description = "The resident it serves (e.g. a fall sensor).")
        String resident;

        /** Where the device is reached: an address, or a Modbus RTU bus and unit id. */
        static final class Reach {
            @Option(names = "--address", required = true, paramLabel = "A", description = "The address in the profile's protocol form (gateway/config/example.yaml).")
            String address;
            @CommandLine.ArgGroup(exclusive = false)
            OnBus onBus;
        }

        static final class OnBus {
            @Option(names = "--bus", required = true, paramLabel = "NAME", description = "A bus declared under buses: (Modbus RTU).")
            String bus;
            @Option(names = "--unit-id", required = true, paramLabel = "N", description = "The device's Modbus unit id on that bus (1-247).")
            int unitId;
        }

        @Override
        public Integer call() throws Exception {
            DeviceEntry entry = new DeviceEntry(id, profile, reach.address, reach.onBus == null ? null : reach.onBus.bus,
                    reach.onBus == null ? null : reach.onBus.unitId, site, unit, area, resident);
            DeviceFile f = file.open();
            GatewayConfig done = refusable(spec, () -> f.edit(text -> DeviceEdits.add(f.path().toString(), text, entry)));
            if (done == null) return CliRunner.FAILURE;
            spec.commandLine().getOut().println("added device " + id + " to " + f.path() + " (" + done.devices().size()
                    + " devices); " + WATCHED);
            return CliRunner.OK;
        }
    }

    @Command(name = "remove", description = "Remove one device's entry from the file (nothing else changes).")
    static final class Remove implements Callable<Integer> {
        @CommandLine.Mixin Help help;
        @CommandLine.Mixin ConfigFile file;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "The id of the device to remove.")
        String id;

        @Override
        public Integer call() throws Exception {
            DeviceFile f = file.open();
            GatewayConfig done = refusable(spec, () -> f.edit(text -> DeviceEdits.remove(f.path().toString(), text, id)));
            if (done == null) return CliRunner.FAILURE;
            spec.commandLine().getOut().println("removed device " + id + " from " + f.path() + " (" + done.devices().size()
                    + " left); " + WATCHED);
            return CliRunner.OK;
        }
    }

    interface FileAction {
        GatewayConfig run() throws Exception;
    }

    /** The action's result, or null after printing why the file refused it. */
    private static GatewayConfig refusable(CommandLine.Model.CommandSpec spec, FileAction action) throws Exception {
        try {
            return action.run();
        } catch (DeviceFile.Refused e) {
            spec.commandLine().getErr().println(NAME + " " + spec.name() + ": refused: " + e.getMessage());
            return null;
        }
    }

    /** The gateway jar calls this (reflectively, on its own class loader) with the arguments after "devices". */
    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return CliRunner.execute(new DevicesCli(), args, out, err, e -> e instanceof UsageException);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
