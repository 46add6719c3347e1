package io.onegrid.sim.cli;

import io.onegrid.profile.ProfileCatalog;
import io.onegrid.profile.ProfileCatalogs;
import io.onegrid.profile.ProfileException;
import io.onegrid.sim.Simulation;
import io.onegrid.sim.gpio.GpioLineBank;
import io.onegrid.sim.gpio.GpioLineServer;
import io.onegrid.sim.modbus.ModbusSimServer;
import io.onegrid.sim.scenario.DeviceSpec;
import io.onegrid.profile.Durations;
import io.onegrid.sim.coap.CoapSimServer;
import io.onegrid.sim.modbus.RtuSimServer;
import io.onegrid.sim.scenario.Scenario;
import io.onegrid.sim.scenario.ScenarioException;
import io.onegrid.sim.scenario.ScenarioLoader;
import io.onegrid.sim.timeline.RealTimeScheduler;
import io.onegrid.sim.timeline.TimelineRunner;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The simulator's command line: {@code run SCENARIO [options]} and {@code validate SCENARIO}. Exit
 * codes: 0 ok, 1 runtime failure (e.g. a port in use), 2 usage error or bad scenario/profile file.
 */
public final class SimCli {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_MODBUS_PORT = 5020;
    static final int DEFAULT_GPIO_PORT = 7021;
    static final int DEFAULT_COAP_PORT = 5683;

    private static final List<String> RUN_ONLY = List.of("modbus-host", "modbus-port", "modbus-rtu", "modbus-rtutcp",
            "coap-host", "coap-port", "gpio-host", "gpio-port", "speed");
    private static final Set<String> RUN_OPTIONS = Set.of("modbus-host", "modbus-port", "modbus-rtu", "modbus-rtutcp",
            "coap-host", "coap-port", "gpio-host", "gpio-port", "speed", "profiles");
    private static final Set<String> RUN_FLAGS = Set.of("exit-after-timeline", "help");

    private final PrintStream out;
    private final PrintStream err;
    private final Consumer<Simulation> onStarted;

    /**
     * @param onStarted told about the running simulation once the servers listen (the launcher uses it
     *                  to close the simulation on Ctrl-C)
     */
    public SimCli(PrintStream out, PrintStream err, Consumer<Simulation> onStarted) {
        this.out = out;
        this.err = err;
        this.onStarted = onStarted;
    }

    public int run(String... args) {
        List<String> all = Arrays.asList(args);
        if (all.isEmpty() || all.contains("--help") && !isCommand(all.get(0)) || all.get(0).equals("-h")
                || all.get(0).equals("help")) {
            out.print(Usage.TEXT);
            out.flush();
            return all.isEmpty() ? USAGE : OK;
        }
        try {
            String command = all.get(0);
            CliArgs cli = CliArgs.parse(all.subList(1, all.size()), RUN_OPTIONS, RUN_FLAGS);
            if (cli.flag("help")) {
                out.print(Usage.TEXT);
                out.flush();
                return OK;
            }
            switch (command) {
                case "run": return runCommand(cli);
                case "validate": return validateCommand(cli);
                default: throw new UsageException("unknown command '" + command + "'");
            }
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("Run with --help for usage.");
            return USAGE;
        } catch (ScenarioException e) {
            e.allProblems().forEach(p -> err.println("error: " + p));
            return USAGE;
        } catch (ProfileException e) {
            e.allProblems().forEach(p -> err.println("error: " + p.describe()));
            return USAGE;
        }
    }

    private static boolean isCommand(String word) {
        return word.equals("run") || word.equals("validate");
    }

    private int validateCommand(CliArgs cli) {
        for (String option : RUN_ONLY) {
            if (cli.option(option).isPresent()) {
                throw new UsageException("--" + option + " applies to run, not validate");
            }
        }
        Scenario scenario = load(cli);
        out.println("OK " + scenario.source() + ": scenario " + scenario.name() + ", " + summary(scenario));
        out.flush();
        return OK;
    }

    private int runCommand(CliArgs cli) {
        String modbusHost = cli.option("modbus-host", DEFAULT_HOST);
        String gpioHost = cli.option("gpio-host", DEFAULT_HOST);
        int modbusPort = cli.port("modbus-port", DEFAULT_MODBUS_PORT);
        int gpioPort = cli.port("gpio-port", DEFAULT_GPIO_PORT);
        String coapHost = cli.option("coap-host", DEFAULT_HOST);
        int coapPort = cli.port("coap-port", DEFAULT_COAP_PORT);
        double speed = cli.positiveNumber("speed", 1.0);
        Scenario scenario = load(cli);
        Map<String, String> rtuLines = cli.option("modbus-rtu")
                .map(v -> BusAssignments.parse("modbus-rtu", v, scenario)).orElse(Map.of());
        Map<String, String> rtuPorts = cli.option("modbus-rtutcp")
                .map(v -> BusAssignments.parse("modbus-rtutcp", v, scenario)).orElse(Map.of());
        rtuPorts.forEach((bus, port) -> BusAssignments.port("modbus-rtutcp", bus, port));
        rtuLines.keySet().stream().filter(rtuPorts::containsKey).findFirst().ifPresent(bus -> {
            throw new UsageException("bus " + bus + " is given to both --modbus-rtu and --modbus-rtutcp; one line is"
                    + " served one way");
        });

        Simulation sim = new Simulation(scenario);
        try {
            print("scenario " + scenario.name() + ": " + summary(scenario) + ", speed " + speedText(speed));
            Optional<ModbusSimServer> modbus = start("Modbus TCP", modbusHost, modbusPort,
                    () -> sim.startModbus(modbusHost, modbusPort));
            if (modbus.isEmpty()) {
                print("no Modbus device in the scenario: Modbus TCP not started");
            }
            modbus.ifPresent(server -> {
                print("Modbus TCP listening on " + hostPort(server.address()));
                for (DeviceSpec d : scenario.devices()) {
                    if (d.modbusTcp()) {
                        print("  unit " + d.modbusUnit() + "  " + d.id() + "  (" + d.profile().id() + ")");
                    }
                }
            });
            startRtu(sim, scenario, rtuLines, rtuPorts, modbusHost);
            startCoap(sim, scenario, coapHost, coapPort);
            Optional<GpioLineServer> gpio = start("GPIO lines", gpioHost, gpioPort,
                    () -> sim.startGpio(gpioHost, gpioPort));
            if (gpio.isEmpty()) {
                print("no GPIO device in the scenario: GPIO line server not started");
            }
            gpio.ifPresent(server -> {
                print("GPIO lines listening on " + hostPort(server.address()));
                for (GpioLineBank.Level level : sim.gpio().snapshot()) {
                    print("  line " + level.name() + " = " + level.level());
                }
            });
            onStarted.accept(sim);

            TimelineRunner timeline = sim.startTimeline(new RealTimeScheduler(speed), this::print);
            if (cli.flag("exit-after-timeline")) {
                timeline.finished().join();
                print("timeline finished at t+" + Durations.format(scenario.length()) + "; exiting");
                return OK;
            }
            timeline.finished().thenRun(() -> print("timeline finished at t+"
                    + Durations.format(scenario.length()) + "; serving until Ctrl-C"));
            new CountDownLatch(1).await();
            return OK;
        } catch (StartFailure e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OK;
        } finally {
            sim.close();
        }
    }

    private void startRtu(Simulation sim, Scenario scenario, Map<String, String> lines, Map<String, String> ports,
                          String host) {
        for (var bus : scenario.buses()) {
            RtuSimServer server;
            if (lines.containsKey(bus.name())) {
                Path device = Path.of(lines.get(bus.name()));
                try {
                    server = sim.startModbusRtu(bus.name(), device);
                } catch (Exception e) {
                    throw new StartFailure("cannot open serial line " + device + " for bus " + bus.name() + ": " + e
                            + " (make a pty pair with: socat -d pty,raw,echo=0,link=/tmp/ttySIM pty,raw,echo=0,link=/tmp/ttyGW)");
                }
                print("Modbus RTU bus " + bus.name() + " on " + server.where() + " (" + lineText(bus) + ")");
            } else if (ports.containsKey(bus.name())) {
                int port = BusAssignments.port("modbus-rtutcp", bus.name(), ports.get(bus.name()));
                server = start("Modbus RTU over TCP", host, port, () -> Optional.of(
                        sim.startModbusRtuTcp(bus.name(), host, port))).orElseThrow();
                print("Modbus RTU over TCP bus " + bus.name() + " listening on " + server.where() + " ("
                        + lineText(bus) + ")");
            } else {
                print("bus " + bus.name() + " not served: give --modbus-rtu DEVICE or --modbus-rtutcp PORT");
                continue;
            }
            for (DeviceSpec d : scenario.devicesOn(bus.name())) {
                print("  unit " + d.modbusUnit() + "  " + d.id() + "  (" + d.profile().id() + ")");
            }
        }
    }

    private void startCoap(Simulation sim, Scenario scenario, String host, int basePort) {
        if (!sim.hasCoapDevices()) {
            return;
        }
        List<CoapSimServer> servers;
        try {
            servers = sim.startCoap(host, basePort);
        } catch (RuntimeException e) {
            throw new StartFailure("cannot start the CoAP devices on " + host + " from port " + basePort + ": "
                    + e.getMessage() + " (another simulator running? choose another base with --coap-port, 0 = any free port)");
        }
        for (CoapSimServer server : servers) {
            print("CoAP device " + server.device().id() + " listening on coap://" + hostPort(server.address())
                    + "  (" + server.device().profile().id() + ")");
        }
    }

    private static String lineText(io.onegrid.sim.scenario.BusSpec bus) {
        return bus.baud() + " baud, " + bus.dataBits() + bus.parity().substring(0, 1).toUpperCase() + bus.stopBits();
    }

    private Scenario load(CliArgs cli) {
        List<String> positional = cli.positional();
        if (positional.size() != 1) {
            throw new UsageException(positional.isEmpty() ? "name a scenario file"
                    : "expected one scenario file, got " + positional.size() + ": " + positional);
        }
        Path file = Path.of(positional.get(0));
        if (!Files.isRegularFile(file)) {
            throw new UsageException("scenario file " + file + " does not exist");
        }
        return new ScenarioLoader(catalog(cli.option("profiles"))).load(file);
    }

    private ProfileCatalog catalog(Optional<String> dir) {
        if (dir.isEmpty()) {
            return ProfileCatalogs.builtin();
        }
        Path path = Path.of(dir.get());
        if (!Files.isDirectory(path)) {
            throw new UsageException("--profiles " + path + " is not a directory");
        }
        return ProfileCatalogs.withDirectory(path, p -> err.println("warning: skipping profile " + p.getMessage()));
    }

    private interface Starter<T> {
        Optional<T> start() throws Exception;
    }

    private static <T> Optional<T> start(String what, String host, int port, Starter<T> starter) {
        try {
            return starter.start();
        } catch (BindException e) {
            throw new StartFailure("cannot listen for " + what + " on " + host + ":" + port + ": " + e.getMessage()
                    + " (another simulator running? choose another port with --" + (what.contains("RTU") ? "modbus-rtutcp" : what.startsWith("Modbus") ? "modbus-port" : "gpio-port")
                    + ", 0 = any free port)");
        } catch (Exception e) {
            throw new StartFailure("cannot start " + what + " on " + host + ":" + port + ": " + e);
        }
    }

    private static String summary(Scenario s) {
        long modbus = s.devices().stream().filter(DeviceSpec::modbusTcp).count();
        long rtu = s.devices().stream().filter(DeviceSpec::modbusRtu).count();
        long coap = s.devices().stream().filter(DeviceSpec::coap).count();
        long gpio = s.devices().size() - modbus - rtu - coap;
        String kinds = modbus + " Modbus, " + (rtu > 0 ? rtu + " RTU, " : "") + (coap > 0 ? coap + " CoAP, " : "")
                + gpio + " GPIO";
        return s.devices().size() + " device" + (s.devices().size() == 1 ? "" : "s") + " (" + kinds + "), "
                + s.timeline().size() + " timeline step" + (s.timeline().size() == 1 ? "" : "s")
                + (s.timeline().isEmpty() ? "" : " until t+" + Durations.format(s.length())) + ", seed " + s.seed();
    }

    private static String speedText(double speed) {
        return (speed == Math.rint(speed) ? String.valueOf((long) speed) : String.valueOf(speed)) + "x";
    }

    private static String hostPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private synchronized void print(String line) {
        out.println(line);
        out.flush();
    }

    private static final class StartFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StartFailure(String message) {
            super(message);
        }
    }
}
