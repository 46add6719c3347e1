package io.onegrid.gateway.probe;

import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DriverException;
import io.onegrid.api.Reading;
import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DeviceProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads one device with a profile, round after round, through the gateway's driver. A round polls the device
 * (if its connection is polled) and takes what it pushed (CoAP observations, GPIO edges); a channel that
 * got no value in the round says why. A device that does not answer at all makes every channel BAD with the
 * driver's reason, as the gateway's comm-fault alarm would see it.
 */
final class ProbeSession implements AutoCloseable {
    private final ProbeUri uri;
    private final DeviceProfile profile;
    private final ProbeTarget target;
    private final Map<String, Reading> pushed = new ConcurrentHashMap<>();
    private DeviceConnection connection;
    private String connectProblem;

    ProbeSession(ProbeUri uri, DeviceProfile profile, ProbeTarget target) {
        this.uri = uri;
        this.profile = profile;
        this.target = target;
    }

    /** One round: every readable channel of the profile with its value or its problem. */
    ProbeReport round() {
        long start = System.nanoTime();
        Map<String, Reading> got = new LinkedHashMap<>();
        String deviceProblem = null;
        try {
            if (connection == null) {
                connection = target.driver().connect(target.device(), profile,
                        readings -> readings.forEach(r -> pushed.put(r.channel(), r)));
                connectProblem = null;
            }
            if (connection.polled()) {
                for (Reading r : connection.poll()) got.put(r.channel(), r);
            } else {
                awaitPushed(profile.timeout() == null ? Duration.ofSeconds(1) : profile.timeout());
            }
        } catch (DriverException e) {
            deviceProblem = e.code() + ": " + e.getMessage();
            if (connection == null) connectProblem = deviceProblem;
        } catch (RuntimeException e) {
            deviceProblem = "driver error: " + e;
        }
        pushed.forEach(got::putIfAbsent);
        List<ChannelResult> results = new ArrayList<>();
        for (ChannelSpec c : profile.channels()) {
            if (c.access() != null && !c.access().readable()) continue;
            Reading r = got.get(c.id());
            if (r != null) {
                results.add(new ChannelResult(c.id(), r.value(), c.unit(), r.quality().name(),
                        r.problem() != null ? r.problem() : r.quality() == io.onegrid.api.Quality.GOOD ? null : "no value"));
            } else {
                results.add(new ChannelResult(c.id(), null, c.unit(), "BAD",
                        deviceProblem != null ? deviceProblem : "the device sent no value for this channel"));
            }
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        return new ProbeReport(uri.text(), profile.id(), profile.name(), elapsedMs, results);
    }

    /** Interrupt-driven devices push their state on connect; give them up to the profile's timeout. */
    private void awaitPushed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long readable = profile.channels().stream().filter(c -> c.access() == null || c.access().readable()).count();
        while (pushed.size() < readable && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    String connectProblem() {
        return connectProblem;
    }

    @Override
    public void close() {
        if (connection != null) connection.close();
        target.close();
    }
}
