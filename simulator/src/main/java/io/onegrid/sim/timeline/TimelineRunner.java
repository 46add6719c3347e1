package io.onegrid.sim.timeline;

import io.onegrid.sim.device.SimDevice;
import io.onegrid.sim.scenario.DurationText;
import io.onegrid.sim.scenario.Scenario;
import io.onegrid.sim.scenario.TimelineStep;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a scenario's timeline on a {@link ScenarioScheduler}: applies each step to its device and
 * prints one line per step ("t+10s smoke-302 smoke=true  (smoke in flat 302)"), and refreshes the
 * seeded noise of noisy channels every noise interval.
 */
public final class TimelineRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TimelineRunner.class);

    private final Scenario scenario;
    private final Map<String, SimDevice> devices;
    private final ScenarioScheduler scheduler;
    private final Consumer<String> printer;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final AtomicInteger remaining;

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
        String sets = step.set().entrySet().stream().map(e -> e.getKey() + "=" + show(e.getValue()))
                .collect(Collectors.joining(" "));
        String line = "t+" + DurationText.format(step.at()) + " " + step.device() + " " + sets;
        return step.note() == null ? line : line + "  (" + step.note() + ")";
    }

    private void fire(TimelineStep step) {
        try {
            SimDevice device = devices.get(step.device());
            step.set().forEach(device::set);
            printer.accept(describe(step));
        } catch (RuntimeException e) {
            LOG.error("timeline step at line {} failed: {}", step.line(), e.getMessage(), e);
        } finally {
            if (remaining.decrementAndGet() == 0) {
                finished.complete(null);
            }
        }
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
