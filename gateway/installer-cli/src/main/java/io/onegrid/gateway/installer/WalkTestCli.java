package io.onegrid.gateway.installer;

import io.onegrid.gateway.cli.support.CliRunner;
import io.onegrid.gateway.cli.support.Help;
import io.onegrid.gateway.config.ConfigException;
import io.onegrid.gateway.config.GatewayConfig;
import io.onegrid.gateway.config.GatewayConfigParser;
import io.onegrid.profile.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code onegrid-gateway walktest}: the installer's walk test and commissioning report (docs/installing.md). Run by
 * the gateway jar instead of the framework (GatewayBoot), or {@code ./onegrid walktest}.
 */
@Command(name = "onegrid-gateway walktest",
        description = {"Put this gateway in walk-test mode on the hub (alarms open no case, notify nobody), show live",
                "which devices of the configuration file have triggered, then end it, store the commissioning",
                "report on the hub (marking the tested devices commissioned), print it and save it as JSON."},
        footer = {"", "Ends on Ctrl-C, when every device triggered, or after --duration; the report is stored in every case.",
                "Exit codes: 0 every device tested, 1 some untested or the hub refused/unreachable, 2 usage",
                "(after Ctrl-C the shell's status for an interrupt, 130).",
                "Example: ONEGRID_INSTALLER_PASSWORD=... onegrid-gateway walktest --hub https://hub.example.org --user inst-bs"})
public final class WalkTestCli implements Callable<Integer> {
    static final String NAME = "onegrid-gateway walktest";
    static final String PASSWORD_ENV = "ONEGRID_INSTALLER_PASSWORD";
    static final Duration MIN = Duration.ofMinutes(1);
    static final Duration MAX = Duration.ofHours(4);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @CommandLine.Mixin
    Help help;

    @Option(names = "--hub", required = true, paramLabel = "URL", description = "The hub's HTTP API, https://HOST[:PORT].")
    String hub;

    @Option(names = "--user", required = true, paramLabel = "NAME", description = "Your installer (or admin) user on the hub.")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding your password (default: $" + PASSWORD_ENV + ", else asked on the terminal).")
    Path passwordFile;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "/etc/onegrid/gateway.yaml",
            description = "The gateway's configuration: its id and the devices to test (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30m",
            description = "How long the walk test may run, 1m..4h (default: ${DEFAULT-VALUE}); the hub ends it then too.")
    String duration;

    @Option(names = "--ca", paramLabel = "FILE", description = "PEM file of the CA that signed the hub's certificate.")
    Path ca;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Where to save the report (default: ./commissioning-<gateway>-<time>.json).")
    Path report;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;

    WalkTestCli(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Duration d = Durations.parse(duration).filter(x -> x.compareTo(MIN) >= 0 && x.compareTo(MAX) <= 0)
                .orElseThrow(() -> new UsageException("--duration " + duration + ": give 1m..4h, " + Durations.DURATION_HINT));
        String password = password();
        GatewayConfig gateway;
        try {
            gateway = GatewayConfigParser.forWorkingDirectory(null).parse(config);
        } catch (ConfigException e) {
            throw new HubRefusedException(e.getMessage());
        }
        List<String> devices = gateway.devices().stream().map(GatewayConfig.Device::id).toList();
        if (devices.isEmpty()) {
            throw new HubRefusedException(config + " declares no devices; add them under devices: before a walk test");
        }
        HubEndpoint endpoint = HubEndpoint.of(hub, ca);
        endpoint.warning().ifPresent(spec.commandLine().getErr()::println);
        ZoneId zone = clock.getZone();
        WalkTestSession session = new WalkTestSession(new HubClient(endpoint), clock, p -> Thread.sleep(p.toMillis()),
                new Screen(out, System.console() != null), out, zone);
        // Ctrl-C: the hook waits until the walk test is ended and the report stored and saved, not for this thread
        // to end (it ends in System.exit, which blocks while hooks run)
        CountDownLatch finished = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            if (finished.getCount() > 0) out.println("stopping (Ctrl-C or a signal): ending the walk test and storing the report");
            session.stop();
            try {
                if (!finished.await(30, TimeUnit.SECONDS)) {
                    System.err.println(NAME + ": the hub did not answer within 30 s; the walk test ends by itself at its end time");
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "walktest-ctrl-c");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            WalkTestSession.Outcome outcome = session.run(new WalkTestSession.Request(gateway.gatewayId(), devices, user,
                    password, d));
            if (outcome.stored() == null) return CliRunner.FAILURE;
            WalkTestView.printReport(outcome.stored(), zone).forEach(out::println);
            Path file = report != null ? report
                    : Path.of("commissioning-" + gateway.gatewayId() + "-" + FILE_TIME.format(clock.instant().atZone(zone)) + ".json");
            Files.writeString(file, HubClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(outcome.stored()) + "\n",
                    StandardCharsets.UTF_8);
            out.println("report saved to " + file.toAbsolutePath() + " and stored on the hub");
            out.flush();
            return outcome.complete() ? CliRunner.OK : CliRunner.FAILURE;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running; the latch lets it go
            }
        }
    }

    private String password() throws UsageException, IOException {
        if (passwordFile != null) {
            if (!Files.isReadable(passwordFile)) throw new UsageException("--password-file " + passwordFile + " cannot be read");
            return Files.readString(passwordFile, StandardCharsets.UTF_8).replaceAll("[\r\n]+$", "");
        }
        String fromEnv = env.get(PASSWORD_ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) return fromEnv;
        if (System.console() != null) {
            char[] typed = System.console().readPassword("hub password for %s: ", user);
            if (typed != null && typed.length > 0) return new String(typed);
        }
        throw new UsageException("no password: give --password-file FILE or set " + PASSWORD_ENV);
    }

    /** The gateway jar calls this (reflectively, on its own class loader) with the arguments after "walktest". */
    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv(),
                Clock.systemDefaultZone());
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock) {
        return CliRunner.execute(new WalkTestCli(env, clock), args, out, err, e -> e instanceof UsageException);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
