package io.onegrid.sim.coap;

import io.onegrid.profile.ChannelSpec;
import io.onegrid.sim.device.SimDevice;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * One simulated CoAP device: a Californium server on its own UDP address (a CoAP device is addressed as
 * coap://host:port), with one resource per distinct path of its profile's channels. Californium is configured
 * in code, so it never writes Californium3.properties into the working directory.
 */
public final class CoapSimServer implements AutoCloseable {
    static {
        CoapConfig.register();
        UdpConfig.register();
    }

    private final SimDevice device;
    private final CoapServer server;
    private final CoapEndpoint endpoint;

    /**
     * @param executor runs Californium's protocol stages and delayed answers; shared by every simulated
     *                 CoAP device and closed by the caller
     */
    public CoapSimServer(SimDevice device, String host, int port, ScheduledExecutorService executor) {
        this.device = device;
        Configuration config = configuration();
        server = new CoapServer(config);
        server.setExecutors(executor, executor, true);
        endpoint = new CoapEndpoint.Builder().setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress(host, port)).build();
        server.addEndpoint(endpoint);
        for (Map.Entry<String, List<ChannelSpec>> e : byPath(device).entrySet()) {
            add(server.getRoot(), e.getKey(), e.getValue(), executor);
        }
    }

    /** Californium's defaults, from code rather than from (or into) a properties file. */
    static Configuration configuration() {
        return Configuration.createStandardWithoutFile();
    }

    public CoapSimServer start() {
        server.start();
        return this;
    }

    public SimDevice device() {
        return device;
    }

    /** The bound address (the real port when 0 was asked for); valid after {@link #start()}. */
    public InetSocketAddress address() {
        return endpoint.getAddress();
    }

    /** Observers registered on the resource at {@code path} ("/env/climate"); 0 for an unknown path. */
    public int observers(String path) {
        Resource r = server.getRoot();
        for (String segment : normalise(path).split("/")) {
            r = r == null ? null : r.getChild(segment);
        }
        return r instanceof CoapResource c ? c.getObserverCount() : 0;
    }

    @Override
    public void close() {
        server.destroy();
    }

    /** Path → channels there, in profile order; channels of one path share the first one's content format. */
    static Map<String, List<ChannelSpec>> byPath(SimDevice device) {
        Map<String, List<ChannelSpec>> paths = new LinkedHashMap<>();
        for (ChannelSpec channel : device.profile().channels()) {
            if (channel.coap() != null) {
                paths.computeIfAbsent(normalise(channel.coap().path()), p -> new ArrayList<>()).add(channel);
            }
        }
        return paths;
    }

    private void add(Resource root, String path, List<ChannelSpec> channels, ScheduledExecutorService executor) {
        String[] segments = path.split("/");
        Resource parent = root;
        for (int i = 0; i < segments.length - 1; i++) {
            Resource child = parent.getChild(segments[i]);
            if (child == null) {
                child = new CoapResource(segments[i]);
                parent.add(child);
            }
            parent = child;
        }
        parent.add(new ChannelResource(segments[segments.length - 1], device, channels, executor));
    }

    private static String normalise(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
