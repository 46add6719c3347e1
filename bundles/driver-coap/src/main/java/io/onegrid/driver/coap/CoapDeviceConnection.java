package io.onegrid.driver.coap;

import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DriverException;
import io.onegrid.api.DriverException.Code;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Reading;
import io.onegrid.api.ReadingSink;
import io.onegrid.profile.CoapAddress;
import io.onegrid.profile.values.ValueException;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One CoAP device: every channel's requests go through the device's one endpoint, and channels read from the same
 * resource share one request ({@link CoapResourceGroup}). {@link #poll()} GETs the polled resources (confirmable) and looks after the observed ones: it registers an observation that has none, and
 * re-registers one that went silent ({@link Observation}); between polls, notifications go straight to the sink.
 * A registration's first answer is returned by the poll that made it, so one poll reads every channel once (what
 * the probe needs). When nothing answers a poll and no observation is alive, the poll throws TIMEOUT so the
 * poller backs the device off.
 */
final class CoapDeviceConnection implements DeviceConnection {
    private static final Logger LOG = LoggerFactory.getLogger(CoapDeviceConnection.class);

    private final DeviceRef device;
    private final CoapAddress address;
    private final List<CoapResourceGroup> polled = new ArrayList<>();
    private final List<Observation> observed = new ArrayList<>();
    private final List<CoapChannel> writable = new ArrayList<>();
    private final Endpoint endpoint;
    private final CoapClient client;
    private final Exchanges exchanges;
    private final ChannelReadings readings;
    private final PayloadEncoder encoder;
    private final GatewayClock clock;
    private final long pollIntervalMs;
    private final ReadingSink sink;
    private final Runnable onClose;
    private volatile boolean closed;

    CoapDeviceConnection(DeviceRef device, CoapAddress address, List<CoapChannel> channels, Endpoint endpoint,
                         long timeoutMs, long pollIntervalMs, PayloadDecoder decoder, PayloadEncoder encoder,
                         GatewayClock clock, ReadingSink sink, Runnable onClose) {
        this.device = device;
        this.address = address;
        this.endpoint = endpoint;
        this.client = new CoapClient().setEndpoint(endpoint).useCONs();
        this.client.setTimeout(timeoutMs);
        this.exchanges = new Exchanges(endpoint, timeoutMs);
        this.readings = new ChannelReadings(device.id(), decoder, clock);
        this.encoder = encoder;
        this.clock = clock;
        this.pollIntervalMs = pollIntervalMs;
        this.sink = sink;
        this.onClose = onClose;
        for (CoapResourceGroup resource : CoapResourceGroup.of(channels)) {
            if (resource.observe()) observed.add(new Observation(resource));
            else polled.add(resource);
        }
        for (CoapChannel channel : channels) {
            if (channel.spec().access().writable()) writable.add(channel);
        }
    }

    @Override
    public boolean polled() {
        // observed channels need the poll too: it registers them and re-registers the silent ones
        return !polled.isEmpty() || !observed.isEmpty();
    }

    @Override
    public List<Reading> poll() throws DriverException {
        List<Reading> out = new ArrayList<>();
        int asked = 0;
        int answered = 0;
        int timedOut = 0;
        String lastProblem = null;
        List<CoapResourceGroup> gets = new ArrayList<>(polled);
        for (Observation observation : observed) {
            if (observation.isUnsupported()) gets.add(observation.resource());
        }
        for (CoapResourceGroup resource : gets) {
            if (closed) break;
            asked++;
            Exchanges.Outcome outcome = exchanges.send(Request.newGet(), resource.uri());
            if (outcome.answered()) {
                answered++;
                out.addAll(readings.of(resource, outcome.response()));
            } else {
                if (outcome.timedOut()) timedOut++;
                lastProblem = outcome.problem();
                out.addAll(readings.bad(resource, outcome.problem()));
            }
        }
        boolean anyLive = false;
        for (Observation observation : observed) {
            if (closed || observation.isUnsupported()) continue;
            long now = clock.monoMs();
            if (!observation.due(now, pollIntervalMs, exchanges.timeoutMs())) {
                anyLive = true;
                continue;
            }
            asked++;
            Registration result = register(observation, now);
            if (result.answered) answered++;
            else {
                if (result.timedOut) timedOut++;
                lastProblem = result.problem;
            }
            out.addAll(result.readings);
        }
        if (asked > 0 && answered == 0 && !anyLive && !closed) {
            Code code = timedOut == asked ? Code.TIMEOUT : Code.NO_ROUTE;
            throw new DriverException(code, "device " + device.id() + " at " + address + " answered none of "
                    + asked + " request(s): " + lastProblem);
        }
        return out;
    }

    private record Registration(List<Reading> readings, boolean answered, boolean timedOut, String problem) { }

    /** Registers {@code observation} afresh and waits for the device's first answer. */
    private Registration register(Observation observation, long now) {
        CoapResourceGroup resource = observation.resource();
        boolean silent = observation.relation() != null;
        CoapObserveRelation old = observation.detach();
        if (old != null) {
            // a silent device gets no cancel message; should it wake up, its next notification on the old token is
            // answered with a reset, which ends the relation on its side
            old.reactiveCancel();
            LOG.debug("device {}: observation of {} silent for {} ms, re-registering", device.id(), resource.path(),
                    observation.silentForMs(now));
        }
        Request request = Request.newGet().setObserve();
        Exchanges.Outcome bad = Exchanges.address(request, resource.uri());
        if (bad != null) return new Registration(readings.bad(resource, bad.problem()), false, false, bad.problem());
        CompletableFuture<Response> first = new CompletableFuture<>();
        Notifications handler = new Notifications(observation, first);
        CoapObserveRelation relation;
        try {
            relation = client.observe(request, handler);
        } catch (RuntimeException e) {
            String problem = "observe registration could not be sent: " + e.getMessage();
            return new Registration(readings.bad(resource, problem), false, false, problem);
        }
        handler.generation = observation.begin(relation);
        handler.armed = true;
        Response response;
        try {
            response = first.get(exchanges.timeoutMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response = null;
        } catch (ExecutionException | TimeoutException e) {
            response = null;
        }
        if (response == null) {
            observation.ended(handler.generation);
            relation.reactiveCancel();
            Exchanges.Outcome failed = exchanges.failure(request);
            String problem = (silent ? "observation went silent; re-registration: " : "observe registration: ")
                    + failed.problem();
            return new Registration(readings.bad(resource, problem), false, failed.timedOut(), problem);
        }
        boolean observing = response.getOptions().hasObserve() && response.isSuccess();
        if (response.isSuccess() && !response.getOptions().hasObserve()) {
            LOG.warn("device {}: {} does not support observe; it is read by GET at the poll interval instead",
                    device.id(), resource.path());
            observation.unsupported();
            relation.reactiveCancel();
        }
        observation.heard(handler.generation, clock.monoMs(), response.getOptions().getMaxAge(), observing);
        return new Registration(readings.of(resource, response), true, false, null);
    }

    /** Californium's callbacks for one registration: the first answer goes to the poll, the rest to the sink. */
    private final class Notifications implements CoapHandler {
        private final Observation observation;
        private final CompletableFuture<Response> first;
        volatile int generation;
        volatile boolean armed;

        Notifications(Observation observation, CompletableFuture<Response> first) {
            this.observation = observation;
            this.first = first;
        }

        @Override
        public void onLoad(CoapResponse coapResponse) {
            Response response = coapResponse.advanced();
            if (first.complete(response) || closed) return;
            if (!armed || !observation.current(generation)) return;
            boolean observing = response.isSuccess() && response.getOptions().hasObserve();
            observation.heard(generation, clock.monoMs(), response.getOptions().getMaxAge(), observing);
            try {
                sink.accept(readings.of(observation.resource(), response));
            } catch (RuntimeException e) {
                LOG.warn("device {}: the reading sink refused a notification of {}: {}", device.id(),
                        observation.resource().path(), e.toString());
            }
        }

        @Override
        public void onError() {
            first.complete(null);
            if (armed) observation.ended(generation);
        }
    }

    @Override
    public void write(String channelId, Object value) throws DriverException {
        CoapChannel channel = writable.stream().filter(c -> c.id().equals(channelId)).findFirst().orElseThrow(() ->
                new DriverException(Code.BAD_ADDRESS, "device " + device.id() + " has no writable channel '" + channelId + "'"));
        byte[] payload;
        try {
            payload = encoder.encode(channel, value);
        } catch (ValueException | IllegalArgumentException e) {
            throw new DriverException(Code.UNSUPPORTED, "device " + device.id() + " channel " + channelId + ": " + e.getMessage(), e);
        }
        Request put = Request.newPut();
        put.setPayload(payload);
        put.getOptions().setContentFormat(channel.point().contentFormat());
        Exchanges.Outcome outcome = exchanges.send(put, channel.uri());
        if (!outcome.answered()) {
            throw new DriverException(outcome.timedOut() ? Code.TIMEOUT : Code.NO_ROUTE, "device " + device.id()
                    + ": PUT " + channel.path() + ": " + outcome.problem());
        }
        Response response = outcome.response();
        if (!response.isSuccess()) {
            throw new DriverException(Code.DEVICE_ERROR, "device " + device.id() + ": PUT " + channel.path()
                    + " answered " + response.getCode().text + " " + response.getCode().name());
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (Observation observation : observed) {
            CoapObserveRelation relation = observation.detach();
            if (relation != null) relation.proactiveCancel();
        }
        client.shutdown();
        try {
            endpoint.destroy();
        } finally {
            onClose.run();
        }
    }
}
