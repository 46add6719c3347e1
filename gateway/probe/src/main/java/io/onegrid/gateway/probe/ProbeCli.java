package io.onegrid.gateway.probe;

import io.onegrid.gateway.cli.support.CliRunner;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.Durations;
import io.onegrid.profile.ProfileCatalog;
import io.onegrid.profile.ProfileCatalogs;
import io.onegrid.profile.ProfileException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code onegrid-gateway probe URI --profile ID} ({@code ./onegrid probe ...}): the installer's on-site check and
 * a developer's debugging tool. Reads one device once with a profile through the gateway's own drivers and
 * prints every channel's decoded value or its error. Exit codes: 0 every channel was read, 1 some channel was
 * not (or the device did not answer), 2 usage (bad URI, unknown profile, a profile of another protocol).
 */
@Command(name = "onegrid-gateway probe", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        version = "onegrid-gateway probe (OneGrid 0.1.0)",
        description = {"Read one device once with a device profile and print every channel's value or error.", "",
                "URIs (the profile gives registers and resource paths):",
                "  modbus+tcp://HOST:PORT?unit=N",
                "  modbus+rtu:///dev/ttyUSB0?baud=9600&parity=N&unit=N   (parity N|E|O, data-bits, stop-bits)",
                "  modbus+rtutcp://HOST:PORT?unit=N                      (RTU frames through a serial server)",
                "  coap://HOST:PORT",
                "  coaps://HOST:PORT?psk-id=ID&psk-file=FILE"},
        footer = {"", "Examples:",
                "  ./onegrid probe modbus+tcp://127.0.0.1:5020?unit=1 --profile hydrant-pressure-modbus",
                "  ./onegrid probe 'modbus+rtu:///dev/ttyUSB0?baud=9600&parity=N&unit=3' --profile gas-detector-rtu --watch",
                "", "Exit codes: 0 every channel was read, 1 some channel was not, 2 usage."})
public final class ProbeCli implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "URI", description = "Where the device is (see above).")
    String uri;

    @Option(names = "--profile", required = true, paramLabel = "ID", description = "The device profile to read it with.")
    String profileId;

    @Option(names = "--profiles", paramLabel = "DIR", description = "A folder of profiles besides the built-in catalog.")
    Path profilesDir;

    @Option(names = "--json", description = "Print JSON (one object per round) instead of a table.")
    boolean json;

    @Option(names = "--watch", description = "Repeat at the profile's poll interval until interrupted (or --count).")
    boolean watch;

    @Option(names = "--count", paramLabel = "N", description = "With --watch: stop after N rounds.")
    Integer count;

    @Option(names = "--interval", paramLabel = "DURATION", description = "With --watch: the time between rounds (default: the profile's poll interval), e.g. 2s.")
    String interval;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ProbeUri target = ProbeUri.parse(uri);
        DeviceProfile profile = profile();
        Duration every = interval(profile);
        if (count != null && count < 1) throw new ProbeUsageException("--count must be at least 1");
        try (ProbeSession session = new ProbeSession(target, profile, ProbeDrivers.open(target, profile))) {
            int rounds = 0;
            ProbeReport last;
            do {
                long started = System.nanoTime();
                last = session.round();
                if (json) ReportPrinter.json(last, out); else ReportPrinter.text(last, out);
                rounds++;
                if (!watch || (count != null && rounds >= count)) break;
                long waitMs = every.toMillis() - (System.nanoTime() - started) / 1_000_000;
                if (waitMs > 0) Thread.sleep(waitMs);
                if (!json) out.println();
            } while (!Thread.currentThread().isInterrupted());
            return last.ok() ? CliRunner.OK : CliRunner.FAILURE;
        }
    }

    private DeviceProfile profile() throws ProbeUsageException {
        ProfileCatalog catalog;
        if (profilesDir != null) {
            if (!Files.isDirectory(profilesDir)) throw new ProbeUsageException("--profiles " + profilesDir + " is not a folder");
            StringBuilder problems = new StringBuilder();
            catalog = ProfileCatalogs.withDirectory(profilesDir, e -> problems.append("\n  ").append(e.getMessage()));
            if (problems.length() > 0) spec.commandLine().getErr().println("onegrid-gateway probe: skipped broken profiles:" + problems);
        } else {
            catalog = ProfileCatalogs.builtin();
        }
        return catalog.find(profileId).orElseThrow(() -> new ProbeUsageException("no profile '" + profileId + "'; known: "
                + String.join(", ", catalog.all().stream().map(DeviceProfile::id).sorted().toList())));
    }

    private Duration interval(DeviceProfile profile) throws ProbeUsageException {
        if (interval == null) {
            return profile.pollInterval() == null || profile.pollInterval().isZero() ? Duration.ofSeconds(5) : profile.pollInterval();
        }
        return Durations.parse(interval).filter(d -> !d.isZero() && !d.isNegative())
                .orElseThrow(() -> new ProbeUsageException("--interval '" + interval + "': use " + Durations.DURATION_HINT));
    }

    /** The gateway jar calls this (reflectively, on its own class loader) with the arguments after "probe". */
    public static int run(String[] args) {
        return run(args, CliRunner.stdout(), CliRunner.stderr());
    }

    /** A bad URI, profile or option (ProbeUsageException), or a profile that cannot be loaded, is a usage error. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return CliRunner.execute(new ProbeCli(), args, out, err,
                e -> e instanceof ProbeUsageException || e instanceof ProfileException);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
