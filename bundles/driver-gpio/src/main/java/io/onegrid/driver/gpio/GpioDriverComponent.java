package io.onegrid.driver.gpio;

import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DriverException;
import io.onegrid.api.FieldDriver;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.ReadingSink;
import io.onegrid.profile.DeviceProfile;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Registers the GPIO driver as the FieldDriver for protocol "gpio" and applies io.onegrid.gpio live. */
@Component(service = FieldDriver.class, configurationPid = GpioConfig.PID,
        property = FieldDriver.PROTOCOL_PROPERTY + "=" + GpioDriver.PROTOCOL)
@Designate(ocd = GpioConfig.class)
public final class GpioDriverComponent implements FieldDriver {
    private final ScheduledExecutorService timers;
    private final GpioDriver driver;
    private Settings settings;

    /** The parts of the configuration that choose a backend, checked once. */
    record Settings(String backend, HostPort simulator) {
        static Settings of(GpioConfig config) {
            String backend = config.backend() == null ? GpioConfig.PI4J : config.backend().trim().toLowerCase(Locale.ROOT);
            if (!backend.equals(GpioConfig.PI4J) && !backend.equals(GpioConfig.SIMULATOR)) {
                throw new IllegalArgumentException(GpioConfig.PID + ": backend '" + config.backend()
                        + "' is not one of pi4j, simulator");
            }
            HostPort simulator;
            try {
                simulator = HostPort.parse(config.simulatorAddress());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(GpioConfig.PID + ": simulatorAddress " + e.getMessage(), e);
            }
            return new Settings(backend, simulator);
        }

        GpioBackend open() {
            return backend.equals(GpioConfig.SIMULATOR) ? SimulatorBackend.start(simulator) : Pi4jBackend.gpiod();
        }
    }

    @Activate
    public GpioDriverComponent(GpioConfig config) {
        this.settings = Settings.of(config);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "onegrid-gpio-debounce");
            t.setDaemon(true);
            return t;
        });
        this.driver = new GpioDriver(settings.open(), DebounceScheduler.on(timers), GatewayClock.SYSTEM);
    }

    @Modified
    void modified(GpioConfig config) {
        Settings next = Settings.of(config);
        synchronized (this) {
            if (next.equals(settings)) {
                return;
            }
            settings = next;
        }
        driver.switchBackend(next.open());
    }

    @Deactivate
    void deactivate() {
        driver.close();
        timers.shutdownNow();
    }

    @Override
    public String protocol() {
        return driver.protocol();
    }

    @Override
    public DeviceConnection connect(DeviceRef device, DeviceProfile profile, ReadingSink sink) throws DriverException {
        return driver.connect(device, profile, sink);
    }
}
