package io.onegrid.sim.coap;

import io.onegrid.profile.ChannelSpec;
import io.onegrid.sim.device.Behaviour;
import io.onegrid.sim.device.SimDevice;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * One resource of a simulated CoAP device: the channels of its profile that share a path, answered in the
 * path's content format and, where the profile says {@code observe: true}, observable (a notification each
 * time the payload changes). Follows the device's {@link Behaviour} on every request.
 */
final class ChannelResource extends CoapResource {
    private final SimDevice device;
    private final List<ChannelSpec> channels;
    private final int contentFormat;
    private final ScheduledExecutorService delays;
    private byte[] lastPayload;

    ChannelResource(String name, SimDevice device, List<ChannelSpec> channels, ScheduledExecutorService delays) {
        super(name);
        this.device = device;
        this.channels = List.copyOf(channels);
        this.contentFormat = channels.get(0).coap().contentFormat();
        this.delays = delays;
        if (channels.stream().anyMatch(c -> c.coap().observe())) {
            setObservable(true);
            setObserveType(CoAP.Type.CON);
            getAttributes().setObservable();
            device.addReadingObserver(this::maybeChanged);
        }
        getAttributes().addContentType(contentFormat);
        lastPayload = payload();
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        Behaviour behaviour = device.behaviour();
        switch (behaviour.mode()) {
            case SILENT -> { } // no answer at all: the client retransmits and times out
            case EXCEPTION -> exchange.respond(CoAP.ResponseCode.SERVICE_UNAVAILABLE,
                    "device fault (exception " + behaviour.exceptionCode() + ")");
            case GARBAGE -> exchange.respond(CoAP.ResponseCode.CONTENT, CoapPayloads.garbage(contentFormat),
                    contentFormat);
            case DELAY -> {
                exchange.accept(); // an empty ACK now, the separate response later, as a slow CoAP server does
                byte[] payload = payload();
                delays.schedule(() -> exchange.respond(CoAP.ResponseCode.CONTENT, payload, contentFormat),
                        behaviour.delay().toMillis(), TimeUnit.MILLISECONDS);
            }
            default -> exchange.respond(CoAP.ResponseCode.CONTENT, payload(), contentFormat);
        }
    }

    private void maybeChanged() {
        if (device.behaviour().mode() == Behaviour.Mode.SILENT) {
            return;
        }
        byte[] now = payload();
        boolean different;
        synchronized (this) {
            different = !Arrays.equals(now, lastPayload);
            lastPayload = now;
        }
        if (different) {
            changed();
        }
    }

    private byte[] payload() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ChannelSpec channel : channels) {
            values.put(channel.id(), device.value(channel.id()));
        }
        return CoapPayloads.encode(contentFormat, channels, values);
    }
}
