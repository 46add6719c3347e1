package io.onegrid.driver.coap;

import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DriverException;
import io.onegrid.api.DriverException.Code;
import io.onegrid.api.FieldDriver;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Reading;
import io.onegrid.api.ReadingSink;
import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.CoapAddress;
import io.onegrid.profile.DeviceProfile;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.util.ExecutorsUtil;
import org.eclipse.californium.elements.util.DaemonThreadFactory;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The CoAP field driver (Californium; DTLS with pre-shared keys through Scandium). Plain Java: construct it from
 * {@link CoapSettings}, {@link #connect} a device with its profile, poll, close the connection, close the driver.
 * Each device gets its own endpoint (one UDP socket, or one DTLS session), shared by all its channels; the protocol
 * threads are shared by every device. Connecting does no I/O: a device that is down fails its polls.
 */
public final class CoapDriver implements FieldDriver, AutoCloseable {
    public static final String PROTOCOL = "coap";
    private static final Logger LOG = LoggerFactory.getLogger(CoapDriver.class);

    private final CoapSettings settings;
    private final GatewayClock clock;
    private final PayloadDecoder decoder = new PayloadDecoder();
    private final PayloadEncoder encoder = new PayloadEncoder();
    private final ScheduledExecutorService protocol;
    private final ScheduledExecutorService timers;
    private final AtomicInteger open = new AtomicInteger();

    public CoapDriver(CoapSettings settings, GatewayClock clock) {
        this.settings = settings;
        this.clock = clock;
        this.protocol = ExecutorsUtil.newScheduledThreadPool(settings.threads(), new DaemonThreadFactory("onegrid-coap#"));
        this.timers = ExecutorsUtil.newDefaultSecondaryScheduler("onegrid-coap-timer#");
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public DeviceConnection connect(DeviceRef device, DeviceProfile profile, ReadingSink sink) throws DriverException {
        CoapAddress address;
        try {
            address = CoapAddress.parse(device.address());
        } catch (IllegalArgumentException e) {
            throw new DriverException(Code.BAD_ADDRESS, "device " + device.id() + ": " + e.getMessage());
        }
        List<CoapChannel> channels = new ArrayList<>();
        for (ChannelSpec spec : profile.channels()) {
            if (spec.coap() == null) {
                throw new DriverException(Code.UNSUPPORTED, "device " + device.id() + ": channel " + spec.id()
                        + " of profile " + profile.id() + " has no coap block");
            }
            channels.add(CoapChannel.of(spec, address));
        }
        long timeoutMs = timeout(profile).toMillis();
        long intervalMs = profile.pollInterval() == null ? 10_000 : profile.pollInterval().toMillis();
        Configuration config = CaliforniumConfig.forDevice(settings, timeoutMs);
        CoapEndpoint endpoint = address.secure() ? dtlsEndpoint(device, address, config) : udpEndpoint(config);
        endpoint.setExecutors(protocol, timers);
        try {
            endpoint.start();
        } catch (IOException e) {
            endpoint.destroy();
            throw new DriverException(Code.NO_ROUTE, "device " + device.id() + ": cannot open a UDP socket: " + e.getMessage(), e);
        }
        open.incrementAndGet();
        return new CoapDeviceConnection(device, address, channels, endpoint, timeoutMs, intervalMs, decoder, encoder,
                clock, sink, open::decrementAndGet);
    }

    /**
     * The installer's probe: connects {@code device}, reads every readable channel once (observed ones by their
     * registration's first answer) and closes again. A probe URI ({@code coap://HOST:PORT},
     * {@code coaps://HOST:PORT?psk-id=ID&psk-file=FILE}) is a device address as it stands.
     *
     * @throws DriverException when the address is wrong or the device answered nothing
     */
    public List<Reading> readOnce(DeviceRef device, DeviceProfile profile) throws DriverException {
        try (DeviceConnection connection = connect(device, profile, readings -> { })) {
            return connection.poll();
        }
    }

    private Duration timeout(DeviceProfile profile) {
        Duration t = profile.timeout();
        return t == null || t.isZero() || t.isNegative() ? settings.defaultTimeout() : t;
    }

    private static CoapEndpoint udpEndpoint(Configuration config) {
        return new CoapEndpoint.Builder().setConfiguration(config).setInetSocketAddress(new InetSocketAddress(0)).build();
    }

    private static CoapEndpoint dtlsEndpoint(DeviceRef device, CoapAddress address, Configuration config)
            throws DriverException {
        byte[] key;
        try {
            key = PskKeyFile.read(address.pskFile());
        } catch (IOException e) {
            LOG.warn("device {}: {}", device.id(), e.getMessage());
            throw new DriverException(Code.BAD_ADDRESS, "device " + device.id() + ": " + e.getMessage(), e);
        }
        try {
            DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                    .setAddress(new InetSocketAddress(0))
                    .setAdvancedPskStore(new AdvancedSinglePskStore(address.pskIdentity(), key))
                    .build();
            return new CoapEndpoint.Builder().setConfiguration(config).setConnector(new DTLSConnector(dtls)).build();
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Devices connected and not closed yet, for tests and diagnostics. */
    int openConnections() {
        return open.get();
    }

    @Override
    public void close() {
        protocol.shutdownNow();
        timers.shutdownNow();
    }
}
