package io.onegrid.sim;

import io.onegrid.sim.coap.CoapSimServer;
import io.onegrid.sim.device.SimDevice;
import io.onegrid.sim.gpio.GpioLineBank;
import io.onegrid.sim.gpio.GpioLineServer;
import io.onegrid.sim.modbus.ModbusDeviceImage;
import io.onegrid.sim.modbus.ModbusSimServer;
import io.onegrid.sim.modbus.RtuSimServer;
import io.onegrid.sim.scenario.BusSpec;
import io.onegrid.sim.scenario.DeviceSpec;
import io.onegrid.sim.scenario.Scenario;
import io.onegrid.sim.timeline.ScenarioScheduler;
import io.onegrid.sim.timeline.TimelineRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The simulated devices of one scenario and the servers that expose them: a Modbus TCP server for the
 * Modbus devices on no bus (by unit id), one RTU server per bus (serial line or RTU over TCP), one CoAP
 * server per CoAP device, a GPIO line server for the GPIO devices, and the timeline that drives their
 * values and behaviour. Used by the CLI and by tests.
 */
public final class Simulation implements AutoCloseable {
    private final Scenario scenario;
    private final Map<String, SimDevice> devices = new LinkedHashMap<>();
    private final Map<Integer, ModbusDeviceImage> modbusUnits = new TreeMap<>();
    private final Map<String, Map<Integer, ModbusDeviceImage>> busUnits = new LinkedHashMap<>();
    private final GpioLineBank gpio = new GpioLineBank();
    private final List<AutoCloseable> running = new ArrayList<>();
    private ScheduledExecutorService coapExecutor;

    public Simulation(Scenario scenario) {
        this.scenario = scenario;
        scenario.buses().forEach(b -> busUnits.put(b.name(), new TreeMap<>()));
        for (DeviceSpec spec : scenario.devices()) {
            SimDevice device = new SimDevice(spec.id(), spec.profile(), spec.initial());
            devices.put(spec.id(), device);
            if (spec.modbusTcp()) {
                modbusUnits.put(spec.modbusUnit(), new ModbusDeviceImage(device));
            } else if (spec.modbusRtu()) {
                busUnits.get(spec.bus()).put(spec.modbusUnit(), new ModbusDeviceImage(device));
            }
            if (!spec.gpioLines().isEmpty()) {
                gpio.bind(device, spec.gpioLines());
            }
        }
    }

    public Scenario scenario() { return scenario; }

    public SimDevice device(String id) {
        SimDevice device = devices.get(id);
        if (device == null) {
            throw new IllegalArgumentException("no device " + id + " in scenario " + scenario.name());
        }
        return device;
    }

    public Map<String, SimDevice> devices() { return Collections.unmodifiableMap(devices); }

    public GpioLineBank gpio() { return gpio; }

    public boolean hasModbusDevices() { return !modbusUnits.isEmpty(); }

    public boolean hasGpioLines() { return !gpio.snapshot().isEmpty(); }

    public boolean hasCoapDevices() { return scenario.devices().stream().anyMatch(DeviceSpec::coap); }

    /** Starts the Modbus TCP server, or returns empty when the scenario has no Modbus device on no bus. */
    public Optional<ModbusSimServer> startModbus(String host, int port) throws Exception {
        if (modbusUnits.isEmpty()) {
            return Optional.empty();
        }
        ModbusSimServer server = new ModbusSimServer(host, port, modbusUnits).start();
        running.add(server);
        return Optional.of(server);
    }

    /** Serves the devices of RTU bus {@code bus} on a serial device file (one end of a pty pair). */
    public RtuSimServer startModbusRtu(String bus, Path device) throws Exception {
        return startRtu(RtuSimServer.onSerialLine(busSpec(bus), busUnits.get(bus), device));
    }

    /** Serves the devices of RTU bus {@code bus} as RTU frames over TCP (a serial device server). */
    public RtuSimServer startModbusRtuTcp(String bus, String host, int port) throws Exception {
        return startRtu(RtuSimServer.overTcp(busSpec(bus), busUnits.get(bus), host, port));
    }

    private RtuSimServer startRtu(RtuSimServer server) throws Exception {
        server.start();
        running.add(server);
        return server;
    }

    private BusSpec busSpec(String bus) {
        return scenario.bus(bus).orElseThrow(() -> new IllegalArgumentException("scenario " + scenario.name()
                + " declares no bus '" + bus + "' (buses: " + scenario.buses().stream().map(BusSpec::name).toList() + ")"));
    }

    /**
     * Starts one CoAP server per CoAP device: a device's own {@code coap: {port: N}}, else {@code basePort},
     * {@code basePort + 1}, ... in file order ({@code basePort} 0 = any free port each).
     */
    public List<CoapSimServer> startCoap(String host, int basePort) {
        List<CoapSimServer> servers = new ArrayList<>();
        int next = basePort;
        for (DeviceSpec spec : scenario.devices()) {
            if (!spec.coap()) {
                continue;
            }
            if (coapExecutor == null) {
                coapExecutor = Executors.newScheduledThreadPool(2, r -> {
                    Thread t = new Thread(r, "sim-coap");
                    t.setDaemon(true);
                    return t;
                });
                ScheduledExecutorService executor = coapExecutor;
                running.add(executor::shutdownNow);
            }
            int port = spec.coapPort() > 0 ? spec.coapPort() : basePort == 0 ? 0 : next++;
            CoapSimServer server = new CoapSimServer(devices.get(spec.id()), host, port, coapExecutor);
            running.add(server);
            servers.add(server.start());
        }
        return servers;
    }

    /** Starts the GPIO line server, or returns empty when the scenario has no GPIO line. */
    public Optional<GpioLineServer> startGpio(String host, int port) throws IOException {
        if (!hasGpioLines()) {
            return Optional.empty();
        }
        GpioLineServer server = new GpioLineServer(gpio, host, port).start();
        running.add(server);
        return Optional.of(server);
    }

    /** Starts the timeline on {@code scheduler}; the simulation closes the scheduler when it closes. */
    public TimelineRunner startTimeline(ScenarioScheduler scheduler, Consumer<String> printer) {
        running.add(scheduler);
        return new TimelineRunner(scenario, devices, scheduler, printer).start();
    }

    @Override
    public void close() {
        List<AutoCloseable> toClose = new ArrayList<>(running);
        Collections.reverse(toClose);
        running.clear();
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception ignored) {
                // shutting down: keep closing the rest
            }
        }
    }
}
