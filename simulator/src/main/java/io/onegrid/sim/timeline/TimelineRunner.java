package io.onegrid.sim.timeline;

import io.onegrid.sim.device.SimDevice;
import io.onegrid.profile.Durations;
import io.onegrid.sim.scenario.Ramp;
import io.onegrid.sim.scenario.Scenario;
import io.onegrid.sim.scenario.TimelineStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a scenario's timeline on a {@link ScenarioScheduler}: applies each step to its device (values,
 * ramps, behaviour) and prints one line per step ("t+10s smoke-302 smoke=true  (smoke in flat 302)"),
 * moves ramping channels and refreshes the seeded noise of noisy channels every noise interval.
 */
public final class TimelineRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TimelineRunner.class);

    private final Scenario scenario;
    private final Map<String, SimDevice> devices;
    private final ScenarioScheduler scheduler;
    private final Consumer<String> printer;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final AtomicInteger remaining;
    /** device/channel → generation of the ramp or set that owns the channel now; a later change ends a ramp. */
    private final Map<String, Long> owners = new ConcurrentHashMap<>();
    private final AtomicInteger generations = new AtomicInteger();

    public TimelineRunner(Scenario scenario, Map<String, SimDevice> devices, ScenarioScheduler scheduler,
                          Consumer<String> printer) {
        this.scenario = scenario;
        this.devices = Map.copyOf(devices);
        this.scheduler = scheduler;
        this.printer = printer;
        this.remaining = new AtomicInteger(scenario.timeline().size());
    }

    /** Schedules every step and the noise ticks; returns at once. */
    public TimelineRunner start() {
        scenario.devices().forEach(spec -> spec.noise().forEach((channel, sigma) -> {
            if (sigma > 0) {
                NoiseSource source = new NoiseSource(scenario.seed(), spec.id(), channel, sigma);
                scheduleNoise(devices.get(spec.id()), channel, source, Duration.ZERO);
            }
        }));
        for (TimelineStep step : scenario.timeline()) {
            scheduler.at(step.at(), () -> fire(step));
        }
        if (scenario.timeline().isEmpty()) {
            finished.complete(null);
        }
        return this;
    }

    /** Completes when the last step has fired. */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    /** The line printed for a step. */
    public static String describe(TimelineStep step) {
        List<String> parts = new ArrayList<>();
        step.set().forEach((k, v) -> parts.add(k + "=" + show(v)));
        step.ramp().forEach((k, r) -> parts.add(k + "->" + show(r.to()) + " over " + Durations.format(r.over())));
        if (step.behave() != null) {
            parts.add("behave " + step.behave().describe());
        }
        String line = "t+" + Durations.format(step.at()) + " " + step.device() + " " + String.join(" ", parts);
        return step.note() == null ? line : line + "  (" + step.note() + ")";
    }

    private void fire(TimelineStep step) {
        try {
            SimDevice device = devices.get(step.device());
            step.set().forEach((channel, value) -> {
                owners.put(device.id() + "/" + channel, (long) generations.incrementAndGet());
                device.set(channel, value);
            });
            step.ramp().forEach((channel, ramp) -> startRamp(device, channel, ramp, step.at()));
            if (step.behave() != null) {
                device.behave(step.behave());
            }
            printer.accept(describe(step));
        } catch (RuntimeException e) {
            LOG.error("timeline step at line {} failed: {}", step.line(), e.getMessage(), e);
        } finally {
            if (remaining.decrementAndGet() == 0) {
                finished.complete(null);
            }
        }
    }

    private void startRamp(SimDevice device, String channel, Ramp ramp, Duration start) {
        long generation = generations.incrementAndGet();
        String key = device.id() + "/" + channel;
        owners.put(key, generation);
        double from = ((Number) device.setValue(channel)).doubleValue();
        rampTick(device, channel, ramp, start, from, generation, start);
    }

    private void rampTick(SimDevice device, String channel, Ramp ramp, Duration start, double from, long generation,
                          Duration at) {
        scheduler.at(at, () -> {
            if (owners.getOrDefault(device.id() + "/" + channel, -1L) != generation) {
                return; // a later step took the channel over
            }
            double progress = Math.min(1.0, (double) at.minus(start).toNanos() / ramp.over().toNanos());
            device.set(channel, progress >= 1.0 ? ramp.to() : from + (ramp.to() - from) * progress);
            if (progress < 1.0) {
                Duration next = at.plus(scenario.noiseInterval());
                Duration end = start.plus(ramp.over());
                rampTick(device, channel, ramp, start, from, generation, next.compareTo(end) > 0 ? end : next);
            }
        });
    }

    private void scheduleNoise(SimDevice device, String channel, NoiseSource source, Duration at) {
        scheduler.at(at, () -> {
            device.setNoise(channel, source.next());
            scheduleNoise(device, channel, source, at.plus(scenario.noiseInterval()));
        });
    }

    private static String show(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(value);
    }

    /** Steps in time order; convenience for callers that print the plan. */
    public List<TimelineStep> steps() {
        return scenario.timeline();
    }
}
