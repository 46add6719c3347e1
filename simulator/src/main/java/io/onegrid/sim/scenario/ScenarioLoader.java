package io.onegrid.sim.scenario;

import io.onegrid.profile.ProfileCatalog;
import io.onegrid.profile.ProfileException;
import io.onegrid.profile.Problems;
import io.onegrid.profile.Scalars;
import io.onegrid.profile.YamlDocument;
import io.onegrid.profile.YamlMap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads scenario files (YAML) with the project's one YAML reader and checks them against the device
 * profiles, so that a scenario that loads also runs. Every problem of a file is collected and reported as
 * file:line:column and a sentence saying what is allowed ({@link ScenarioException#allProblems()}).
 */
public final class ScenarioLoader {
    /** Bounds that keep a hostile file from exhausting memory; a real scenario is a few kilobytes. */
    static final YamlDocument DOCUMENT = new YamlDocument("scenario", 2_000_000, 32, 200_000, false);
    private static final Set<String> TOP_KEYS =
            Set.of("name", "description", "seed", "noiseInterval", "buses", "devices", "timeline");

    private final ProfileCatalog catalog;

    public ScenarioLoader(ProfileCatalog catalog) {
        this.catalog = catalog;
    }

    public Scenario load(Path file) {
        String text;
        try {
            text = DOCUMENT.readFile(file);
        } catch (ProfileException e) {
            throw ScenarioException.of(e);
        }
        return parse(file.toString(), text);
    }

    public Scenario parse(String source, String yamlText) {
        Node root;
        try {
            root = DOCUMENT.compose(source, yamlText);
        } catch (ProfileException e) {
            throw ScenarioException.of(e);
        }
        if (root == null) {
            throw new ScenarioException(source, 0, "the file is empty; a scenario needs at least 'name' and 'devices'");
        }
        Problems problems = new Problems(source);
        Scenario scenario = read(source, root, problems);
        try {
            problems.throwIfAny();
        } catch (ProfileException e) {
            throw ScenarioException.of(e);
        }
        return scenario;
    }

    private Scenario read(String source, Node root, Problems problems) {
        YamlMap top = YamlMap.of(root, "the scenario", TOP_KEYS, problems);
        if (top == null) {
            return null;
        }
        String name = top.text("name", true, "a name for the scenario, printed on start");
        String description = top.text("description", false, "free text");
        long seed = seed(top);
        Duration noiseInterval = Optional.ofNullable(top.duration("noiseInterval", false, true))
                .orElse(Duration.ofSeconds(1));

        Map<String, BusSpec> buses = new BusReader(problems).read(top.list("buses", "a list of RTU buses"));

        List<Node> deviceNodes = top.list("devices", "a list of devices (lines starting with '- ')");
        if (deviceNodes != null && deviceNodes.isEmpty()) {
            top.missing("devices", "at least one device");
        }
        DeviceReader deviceReader = new DeviceReader(catalog, problems, buses);
        Map<String, DeviceSpec> devices = new LinkedHashMap<>();
        for (Node node : deviceNodes == null ? List.<Node>of() : deviceNodes) {
            deviceReader.read(node).ifPresent(d -> devices.put(d.id(), d));
        }

        StepReader stepReader = new StepReader(problems, devices, deviceReader.unusable());
        List<TimelineStep> steps = new ArrayList<>();
        List<Node> stepNodes = top.list("timeline", "a list of timeline steps (lines starting with '- ')");
        for (Node node : stepNodes == null ? List.<Node>of() : stepNodes) {
            stepReader.read(node).ifPresent(steps::add);
        }
        steps.sort(Comparator.comparing(TimelineStep::at)); // stable: equal times keep file order
        return new Scenario(name, description, seed, noiseInterval, new ArrayList<>(buses.values()),
                new ArrayList<>(devices.values()), steps, source);
    }

    private static long seed(YamlMap top) {
        Node v = top.value("seed");
        if (v == null) {
            return 0;
        }
        Optional<Long> seed = Scalars.integer(v);
        if (seed.isEmpty()) {
            top.wrong("seed", v, "a whole number");
            return 0;
        }
        return seed.get();
    }
}
