package io.onegrid.driver.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import io.onegrid.api.DriverException;
import io.onegrid.profile.GpioPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Real GPIO lines through Pi4J 2. Lines are BCM numbers. The Pi4J context is built with its providers
 * added explicitly (never discovered through ServiceLoader, which does not see embedded plugins inside
 * OSGi) and lazily, so a gateway without gpiod still starts and reports the problem per device.
 * Pi4J's own debounce is turned off: debouncing happens in {@link Debouncer} for every backend alike.
 */
public final class Pi4jBackend implements GpioBackend {
    private static final Logger LOG = LoggerFactory.getLogger(Pi4jBackend.class);
    private static final String ID_PREFIX = "onegrid-gpio-";

    private final Supplier<Context> contextFactory;
    private final String name;
    private Context context;
    private boolean closed;

    public Pi4jBackend(String name, Supplier<Context> contextFactory) {
        this.name = name;
        this.contextFactory = Objects.requireNonNull(contextFactory);
    }

    /** The backend for a real board: Pi4J's gpiod providers on the kernel's GPIO character device. */
    public static Pi4jBackend gpiod() {
        return new Pi4jBackend("pi4j gpiod", () -> Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance())
                .disableShutdownHook()
                .build());
    }

    /** The Pi4J id this backend gives line {@code bcm}; tests use it to find mock lines. */
    public static String ioId(int bcm) {
        return ID_PREFIX + bcm;
    }

    @Override
    public synchronized InputLine openInput(String line, GpioPoint.Pull pull, LevelListener listener)
            throws DriverException {
        int bcm = bcm(line);
        Context ctx = context();
        DigitalInput input;
        try {
            input = ctx.create(DigitalInput.newConfigBuilder(ctx)
                    .id(ioId(bcm))
                    .name("OneGrid input " + bcm)
                    .address(bcm)
                    .pull(pull(pull))
                    .debounce(0L));
        } catch (RuntimeException | LinkageError e) {
            throw cannotOpen("input", bcm, e);
        }
        input.addListener(event -> listener.onLevel(level(event.state())));
        return new InputLine() {
            @Override
            public LineLevel level() {
                return Pi4jBackend.level(input.state());
            }

            @Override
            public void close() {
                shutdown(input.id());
            }
        };
    }

    @Override
    public synchronized OutputLine openOutput(String line, LineLevel initial) throws DriverException {
        int bcm = bcm(line);
        Context ctx = context();
        DigitalState start = initial == LineLevel.HIGH ? DigitalState.HIGH : DigitalState.LOW;
        DigitalOutput output;
        try {
            output = ctx.create(DigitalOutput.newConfigBuilder(ctx)
                    .id(ioId(bcm))
                    .name("OneGrid output " + bcm)
                    .address(bcm)
                    .initial(start)
                    .shutdown(start));
        } catch (RuntimeException | LinkageError e) {
            throw cannotOpen("output", bcm, e);
        }
        return new OutputLine() {
            @Override
            public void set(LineLevel level) throws DriverException {
                try {
                    output.state(level == LineLevel.HIGH ? DigitalState.HIGH : DigitalState.LOW);
                } catch (RuntimeException e) {
                    throw new DriverException(DriverException.Code.DEVICE_ERROR,
                            "cannot drive BCM line " + bcm + " " + level + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                shutdown(output.id());
            }
        };
    }

    @Override
    public String describeUnknown(String line) {
        return "BCM line " + line + " reads neither high nor low through " + name;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (context != null) {
            try {
                context.shutdown();
            } catch (Exception e) {
                LOG.warn("Pi4J context did not shut down cleanly: {}", e.toString());
            }
            context = null;
        }
    }

    private Context context() throws DriverException {
        if (closed) {
            throw new DriverException(DriverException.Code.NO_ROUTE, name + " backend is closed");
        }
        if (context == null) {
            try {
                context = contextFactory.get();
            } catch (RuntimeException | LinkageError e) {
                throw new DriverException(DriverException.Code.NO_ROUTE,
                        "Pi4J cannot start on this machine (" + describe() + "): " + e, e);
            }
        }
        return context;
    }

    private synchronized void shutdown(String id) {
        if (context == null) {
            return;
        }
        try {
            if (context.registry().exists(id)) {
                context.shutdown(id);
            }
        } catch (RuntimeException e) {
            LOG.warn("Pi4J line {} did not close cleanly: {}", id, e.toString());
        }
    }

    private static int bcm(String line) throws DriverException {
        try {
            int bcm = Integer.parseInt(line.trim());
            if (bcm < 0 || bcm > 511) {
                throw new NumberFormatException();
            }
            return bcm;
        } catch (NumberFormatException e) {
            throw new DriverException(DriverException.Code.BAD_ADDRESS, "GPIO line '" + line
                    + "' is not a BCM line number; the pi4j backend needs addresses such as \"smoke=17,siren=27\"");
        }
    }

    private DriverException cannotOpen(String kind, int bcm, Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (message.contains("gpio chip") || message.contains("gpiochip") || e instanceof LinkageError) {
            // Pi4J's gpiod plugin only initialises on a detected Raspberry Pi with /dev/gpiochip*.
            message += " (the pi4j backend needs a Raspberry Pi with the kernel GPIO character device;"
                    + " elsewhere configure io.onegrid.gpio backend=simulator)";
        }
        return new DriverException(DriverException.Code.NO_ROUTE,
                "cannot open BCM line " + bcm + " as " + kind + " through " + name + ": " + message, e);
    }

    private static PullResistance pull(GpioPoint.Pull pull) {
        if (pull == null) {
            return PullResistance.OFF;
        }
        return switch (pull) {
            case UP -> PullResistance.PULL_UP;
            case DOWN -> PullResistance.PULL_DOWN;
            case NONE -> PullResistance.OFF;
        };
    }

    static LineLevel level(DigitalState state) {
        if (state == DigitalState.HIGH) {
            return LineLevel.HIGH;
        }
        return state == DigitalState.LOW ? LineLevel.LOW : LineLevel.UNKNOWN;
    }
}
