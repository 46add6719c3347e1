package io.onegrid.sim;

import io.onegrid.sim.device.SimDevice;
import io.onegrid.sim.gpio.GpioLineBank;
import io.onegrid.sim.gpio.GpioLineServer;
import io.onegrid.sim.modbus.ModbusDeviceImage;
import io.onegrid.sim.modbus.ModbusSimServer;
import io.onegrid.sim.scenario.DeviceSpec;
import io.onegrid.sim.scenario.Scenario;
import io.onegrid.sim.timeline.ScenarioScheduler;
import io.onegrid.sim.timeline.TimelineRunner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The simulated devices of one scenario and the servers that expose them: a Modbus TCP server for the
 * Modbus devices (by unit id), a GPIO line server for the GPIO devices, and the timeline that drives
 * their values. Used by the CLI and by tests.
 */
public final class Simulation implements AutoCloseable {
    private final Scenario scenario;
    private final Map<String, SimDevice> devices = new LinkedHashMap<>();
    private final Map<Integer, ModbusDeviceImage> modbusUnits = new TreeMap<>();
    private final GpioLineBank gpio = new GpioLineBank();
    private final List<AutoCloseable> running = new ArrayList<>();

    public Simulation(Scenario scenario) {
        this.scenario = scenario;
        for (DeviceSpec spec : scenario.devices()) {
            SimDevice device = new SimDevice(spec.id(), spec.profile(), spec.initial());
            devices.put(spec.id(), device);
            if (spec.modbusUnit() != null) {
                modbusUnits.put(spec.modbusUnit(), new ModbusDeviceImage(device));
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

    /** Starts the Modbus TCP server, or returns empty when the scenario has no Modbus device. */
    public Optional<ModbusSimServer> startModbus(String host, int port) throws Exception {
        if (modbusUnits.isEmpty()) {
            return Optional.empty();
        }
        ModbusSimServer server = new ModbusSimServer(host, port, modbusUnits).start();
        running.add(server);
        return Optional.of(server);
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
