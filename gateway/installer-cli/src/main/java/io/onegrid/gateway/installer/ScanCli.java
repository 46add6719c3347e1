package io.onegrid.gateway.installer;

import io.onegrid.gateway.cli.support.CliRunner;
import io.onegrid.gateway.cli.support.Help;
import io.onegrid.gateway.config.ConfigException;
import io.onegrid.gateway.config.GatewayConfig;
import io.onegrid.gateway.config.GatewayConfigParser;
import io.onegrid.gateway.probe.ProbeUri;
import io.onegrid.gateway.probe.ProbeUsageException;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.Durations;
import io.onegrid.profile.ProfileCatalog;
import io.onegrid.profile.ProfileCatalogs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code onegrid-gateway scan (--bus NAME | URI)}: which Modbus unit ids answer on a bus, and which catalog profiles
 * fit each (docs/installing.md, "Declaring devices"). One short read per unit id through the gateway's drivers.
 */
@Command(name = "onegrid-gateway scan",
        description = {"Find the Modbus unit ids that answer on a bus and the catalog profiles that fit each.",
                "URI: modbus+rtu:///dev/ttyUSB0?baud=9600&parity=N, modbus+rtutcp://HOST:PORT or modbus+tcp://HOST:PORT",
                "(no unit=: the scan tries each). Scanning a bus the running gateway polls competes with it."},
        footer = {"", "Exit codes: 0 some unit answered, 1 none did (or the file is refused), 2 usage.",
                "Example: onegrid-gateway scan --bus riser-a --from 1 --to 30"})
public final class ScanCli implements Callable<Integer> {
    static final String NAME = "onegrid-gateway scan";
    private static final int BAR = 30;
    /** slf4j-simple's level for the Modbus driver (the gateway jar's logger). */
    static final String DRIVER_LOG_LEVEL = "org.slf4j.simpleLogger.log.io.onegrid.driver";

    @CommandLine.Mixin
    Help help;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URI", description = "The bus to scan, as above (or --bus).")
    String uri;

    @Option(names = "--bus", paramLabel = "NAME", description = "A bus declared under buses: in the configuration file.")
    String bus;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "/etc/onegrid/gateway.yaml",
            description = "With --bus: the gateway's configuration file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--from", defaultValue = "1", paramLabel = "N", description = "First unit id (default: ${DEFAULT-VALUE}).")
    int from;

    @Option(names = "--to", defaultValue = "247", paramLabel = "N", description = "Last unit id (default: ${DEFAULT-VALUE}).")
    int to;

    @Option(names = "--timeout", defaultValue = "200ms", paramLabel = "DURATION",
            description = "How long each unit id has to answer (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--profile", paramLabel = "ID", description = "Try only this profile on the units found (default: every Modbus profile).")
    String profile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Whether to draw a progress bar (a terminal) or print a line per unit found (a pipe). */
    private final boolean terminal;

    ScanCli(boolean terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((uri == null) == (bus == null)) throw new UsageException("give the bus to scan: --bus NAME or a URI (see --help)");
        if (from < 1 || to > 247 || from > to) throw new UsageException("--from " + from + " --to " + to + ": unit ids go from 1 to 247, from <= to");
        Duration wait = Durations.parse(timeout).filter(d -> !d.isNegative() && !d.isZero())
                .orElseThrow(() -> new UsageException("--timeout '" + timeout + "': use " + Durations.DURATION_HINT));
        String base;
        try {
            base = bus != null ? busUri() : uri;
        } catch (ConfigException e) {
            err.println(NAME + ": refused: " + e.getMessage());
            return CliRunner.FAILURE;
        }
        ProbeUri.Scheme scheme = checked(base);
        List<DeviceProfile> candidates = candidates(scheme);
        err.println(NAME + ": scanning a bus the running gateway is polling competes with it (its reads on this bus may"
                + " time out meanwhile); stop it first if you can: sudo systemctl stop onegrid-gateway");
        Path work = Files.createTempDirectory("onegrid-scan-");
        List<ModbusScan.Unit> found = new ArrayList<>();
        try {
            scanAll(base, wait, candidates, work, out, found);
        } catch (IOException e) {
            if (terminal) out.println();
            err.println(NAME + ": " + e.getMessage());
            return CliRunner.FAILURE;
        } finally {
            delete(work);
        }
        if (terminal) {
            out.println();
            found.forEach(u -> out.println(line(u)));
        }
        out.println(found.isEmpty() ? "no unit id from " + from + " to " + to + " answered on " + base
                + " (check the wiring, baud rate and parity)"
                : found.size() + " unit(s) answered on " + base + "; declare each with: onegrid-gateway devices add ID"
                + " --profile P " + (scheme == ProbeUri.Scheme.MODBUS_TCP ? "--address HOST:PORT/N" : "--bus NAME --unit-id N")
                + " --site S");
        return found.isEmpty() ? CliRunner.FAILURE : CliRunner.OK;
    }

    private void scanAll(String base, Duration wait, List<DeviceProfile> candidates, Path work, PrintWriter out,
                         List<ModbusScan.Unit> found) throws IOException {
        ModbusScan scan = new ModbusScan(base, wait, candidates, work);
        for (int unit = from; unit <= to; unit++) {
            ModbusScan.Unit u = scan.scan(unit);
            if (u.answered()) {
                found.add(u);
                if (!terminal) out.println(line(u));
            }
            if (terminal) bar(out, unit - from + 1, to - from + 1, found.size());
        }
    }

    static String line(ModbusScan.Unit u) {
        return "unit " + u.unitId() + ": " + u.answer() + "; "
                + (u.profiles().isEmpty() ? "no catalog profile reads all its channels" : "fits " + String.join(", ", u.profiles()));
    }

    private static void bar(PrintWriter out, int done, int total, int found) {
        int filled = done * BAR / total;
        out.print("\r[" + "#".repeat(filled) + " ".repeat(BAR - filled) + "] " + done + "/" + total + ", " + found + " found");
        out.flush();
    }

    /** The probe URI of a bus declared in the configuration file. */
    private String busUri() throws ConfigException, UsageException {
        GatewayConfig file = new GatewayConfigParser(Path.of("")).parse(config);
        GatewayConfig.Bus b = file.buses().stream().filter(x -> x.name().equals(bus)).findFirst()
                .orElseThrow(() -> new UsageException("--bus " + bus + ": " + config + " declares "
                        + (file.buses().isEmpty() ? "no buses" : "only " + String.join(", ", file.buses().stream().map(GatewayConfig.Bus::name).toList()))));
        if (b.host() != null) return "modbus+rtutcp://" + b.host() + ":" + b.tcpPort();
        StringBuilder sb = new StringBuilder("modbus+rtu://").append(b.port()).append("?baud=").append(b.baud() == null ? 9600 : b.baud());
        if (b.parity() != null) sb.append("&parity=").append(URLEncoder.encode(b.parity(), StandardCharsets.UTF_8));
        if (b.dataBits() != null) sb.append("&data-bits=").append(b.dataBits());
        if (b.stopBits() != null) sb.append("&stop-bits=").append(b.stopBits());
        return sb.toString();
    }

    /** The URI's scheme, after the probe's own checks of a unit's URI. */
    private static ProbeUri.Scheme checked(String base) throws UsageException {
        if (base.contains("unit=")) throw new UsageException(base + ": leave out unit=; the scan tries each unit id");
        try {
            ProbeUri parsed = ProbeUri.parse(base + (base.contains("?") ? "&" : "?") + "unit=1");
            if (!parsed.scheme().reads("modbus-rtu")) throw new UsageException(base + ": scan reads Modbus buses only");
            return parsed.scheme();
        } catch (ProbeUsageException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private List<DeviceProfile> candidates(ProbeUri.Scheme scheme) throws UsageException {
        ProfileCatalog catalog = ProfileCatalogs.builtin();
        if (profile != null) {
            DeviceProfile p = catalog.find(profile).orElseThrow(() -> new UsageException("--profile " + profile + " is not in the catalog"));
            if (!scheme.reads(p.protocol())) throw new UsageException("--profile " + profile + " speaks " + p.protocol() + ", not Modbus");
            return List.of(p);
        }
        return catalog.all().stream().filter(p -> scheme.reads(p.protocol())).sorted(Comparator.comparing(DeviceProfile::id)).toList();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** The gateway jar calls this (reflectively, on its own class loader) with the arguments after "scan". */
    public static int run(String[] args) {
        // trying profiles that do not fit makes the driver refuse reads by design: its WARN per refusal is noise here
        if (System.getProperty(DRIVER_LOG_LEVEL) == null) System.setProperty(DRIVER_LOG_LEVEL, "error");
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.console() != null);
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err, boolean terminal) {
        return CliRunner.execute(new ScanCli(terminal), args, out, err, e -> e instanceof UsageException);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
