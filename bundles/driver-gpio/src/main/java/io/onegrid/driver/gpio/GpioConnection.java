package io.onegrid.driver.gpio;

import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DriverException;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Reading;
import io.onegrid.api.ReadingSink;
import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.GpioPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One GPIO device: its input lines feed debouncers whose stable levels are pushed to the sink as logical
 * readings; its output lines are written on demand. The lines can be re-opened on another backend
 * ({@link #open(GpioBackend)}) while the debounced state and the last written outputs are kept.
 */
final class GpioConnection implements DeviceConnection {
    private static final Logger LOG = LoggerFactory.getLogger(GpioConnection.class);

    private final DeviceRef device;
    private final DeviceProfile profile;
    private final ReadingSink sink;
    private final GatewayClock clock;
    private final Consumer<GpioConnection> onClose;
    private final Map<String, Input> inputs = new LinkedHashMap<>();
    private final Map<String, Output> outputs = new LinkedHashMap<>();

    private GpioBackend backend;
    private DriverException broken;
    private volatile boolean closed;
    // Bumped whenever lines are (re)opened or closed, so late events from a closed line are ignored.
    private volatile long epoch;

    private final class Input {
        final ChannelSpec spec;
        final String line;
        final Debouncer debouncer;
        GpioBackend.InputLine handle;
        /** Whether any level (or BAD) of this line was pushed yet; set from the debouncer's thread too. */
        volatile boolean reported;

        Input(ChannelSpec spec, String line, DebounceScheduler scheduler) {
            this.spec = spec;
            this.line = line;
            this.debouncer = new Debouncer(spec.gpio().debounce(), scheduler, this::report);
        }

        void report(LineLevel level) {
            reported = true;
            push(spec, level);
        }

        /**
         * The debouncer reports changes only, and unknown → unknown is none: a line that is unknown when the
         * device connects (simulator not answering yet) is pushed as BAD here, so every input has a state
         * from the connect on and listeners know it is unreadable rather than hearing nothing.
         */
        void reportUnknownAtConnect() {
            if (!reported && debouncer.stable() == LineLevel.UNKNOWN) {
                report(LineLevel.UNKNOWN);
            }
        }
    }

    private static final class Output {
        final ChannelSpec spec;
        final String line;
        boolean logical;
        GpioBackend.OutputLine handle;

        Output(ChannelSpec spec, String line) {
            this.spec = spec;
            this.line = line;
        }
    }

    GpioConnection(DeviceRef device, DeviceProfile profile, GpioAddress address, ReadingSink sink,
                   GatewayClock clock, DebounceScheduler scheduler, Consumer<GpioConnection> onClose) {
        this.device = device;
        this.profile = profile;
        this.sink = sink;
        this.clock = clock;
        this.onClose = onClose;
        address.lines().forEach((channel, line) -> {
            ChannelSpec spec = profile.channel(channel).orElseThrow();
            if (spec.gpio().direction() == GpioPoint.Direction.IN) {
                inputs.put(channel, new Input(spec, line, scheduler));
            } else {
                outputs.put(channel, new Output(spec, line));
            }
        });
    }

    String deviceId() {
        return device.id();
    }

    /**
     * Opens every wired line on {@code target}, closing the lines open on the previous backend first. On
     * failure the connection stays "broken": inputs read BAD and poll/write report the failure until the next
     * successful open.
     */
    synchronized void open(GpioBackend target) throws DriverException {
        if (closed) {
            return;
        }
        closeHandles();
        backend = target;
        long mine = ++epoch;
        try {
            for (Input in : inputs.values()) {
                in.handle = target.openInput(in.line, in.spec.gpio().pull(), level -> {
                    if (isCurrent(mine)) {
                        in.debouncer.onLevel(level);
                    }
                });
                in.debouncer.onLevel(in.handle.level());
                in.reportUnknownAtConnect();
            }
            for (Output out : outputs.values()) {
                out.handle = target.openOutput(out.line, LogicalLevels.electrical(out.spec.gpio(), out.logical));
            }
            broken = null;
        } catch (DriverException e) {
            broken = e;
            closeHandles();
            // no BAD push for lines never reported: a failed first open fails the connect, and the poller
            // reports that device's fault itself
            inputs.values().forEach(in -> in.debouncer.onLevel(LineLevel.UNKNOWN));
            throw e;
        }
    }

    private boolean isCurrent(long mine) {
        return mine == epoch && !closed;
    }

    @Override
    public boolean polled() {
        return false;
    }

    /** The debounced logical state of every input channel, for a snapshot; fails while any input is unknown. */
    @Override
    public synchronized List<Reading> poll() throws DriverException {
        ensureUsable();
        List<Reading> readings = new ArrayList<>(inputs.size());
        for (Input in : inputs.values()) {
            LineLevel level = in.debouncer.stable();
            if (level == LineLevel.UNKNOWN) {
                throw new DriverException(DriverException.Code.NO_ROUTE, "GPIO device " + device.id() + " channel "
                        + in.spec.id() + ": " + backend.describeUnknown(in.line));
            }
            readings.add(good(in.spec, LogicalLevels.logical(in.spec.gpio(), level)));
        }
        return readings;
    }

    @Override
    public synchronized void write(String channel, Object value) throws DriverException {
        ChannelSpec spec = profile.channel(channel).orElseThrow(() -> new DriverException(
                DriverException.Code.BAD_ADDRESS, "GPIO device " + device.id() + " has no channel '" + channel
                + "' (profile " + profile.id() + ")"));
        if (spec.gpio() == null || spec.gpio().direction() != GpioPoint.Direction.OUT) {
            throw new DriverException(DriverException.Code.UNSUPPORTED, "GPIO device " + device.id() + " channel '"
                    + channel + "' is an input; only output channels can be written");
        }
        if (spec.access() != null && !spec.access().writable()) {
            throw new DriverException(DriverException.Code.UNSUPPORTED, "GPIO device " + device.id() + " channel '"
                    + channel + "' is read-only in profile " + profile.id());
        }
        Output out = outputs.get(channel);
        if (out == null) {
            throw new DriverException(DriverException.Code.BAD_ADDRESS, "GPIO device " + device.id() + " channel '"
                    + channel + "' is not wired: its address '" + device.address() + "' names no line for it");
        }
        boolean logical = LogicalLevels.parse(device.id(), channel, value);
        ensureUsable();
        out.handle.set(LogicalLevels.electrical(spec.gpio(), logical));
        out.logical = logical;
        sink.accept(List.of(good(spec, logical)));
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            inputs.values().forEach(in -> in.debouncer.close());
            closeHandles();
        }
        onClose.accept(this);
    }

    private void ensureUsable() throws DriverException {
        if (closed) {
            throw new DriverException(DriverException.Code.NO_ROUTE, "GPIO device " + device.id() + " is closed");
        }
        if (broken != null) {
            throw new DriverException(broken.code(), broken.getMessage(), broken);
        }
    }

    private void push(ChannelSpec spec, LineLevel level) {
        Reading reading = level == LineLevel.UNKNOWN
                ? Reading.bad(device.id(), spec.id(), spec.unit(), clock)
                : good(spec, LogicalLevels.logical(spec.gpio(), level));
        try {
            sink.accept(List.of(reading));
        } catch (RuntimeException e) {
            LOG.warn("Reading sink failed for GPIO device {} channel {}", device.id(), spec.id(), e);
        }
    }

    private Reading good(ChannelSpec spec, boolean logical) {
        return Reading.good(device.id(), spec.id(), logical, spec.unit(), clock);
    }

    private void closeHandles() {
        epoch++;
        for (Input in : inputs.values()) {
            if (in.handle != null) {
                in.handle.close();
                in.handle = null;
            }
        }
        for (Output out : outputs.values()) {
            if (out.handle != null) {
                out.handle.close();
                out.handle = null;
            }
        }
    }
}
