package io.onegrid.gateway.config;

import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ProfileException;
import io.onegrid.profile.ProfileOverrides;
import io.onegrid.profile.Problems;
import io.onegrid.profile.YamlMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a device's {@code overrides:} and checks them with the strict interpreter
 * ({@link ProfileOverrides#apply}) against the device's profile, so a wrong rule id, parameter or value is an
 * error at its line when the file is loaded, not a log line from the gateway later. Values are passed on
 * exactly as written ("0.10" stays "0.10").
 */
final class OverrideReader {
    /** ProfileOverrides names the key it refuses as "override 'rule.param'". */
    private static final Pattern NAMED_KEY = Pattern.compile("override '([^']+)'");

    private final Problems problems;

    OverrideReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * The overrides as "rule.parameter=value" strings in file order; {@code profile} null (unknown, already
     * reported) skips the strict check.
     */
    List<String> read(YamlMap device, DeviceProfile profile) {
        List<String> result = new ArrayList<>();
        Node node = device.value("overrides");
        if (node == null) return result;
        String where = device.where();
        if (!(node instanceof MappingNode mapping)) {
            problems.add(node, where + ": overrides must be a mapping like {low-pressure.below: 0.10}, not "
                    + YamlMap.describe(node));
            return result;
        }
        Map<String, String> byKey = new LinkedHashMap<>();
        Map<String, Node> keyNodes = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k) || !(t.getValueNode() instanceof ScalarNode v)) {
                problems.add(t.getKeyNode(), where + ": each override must be 'rule.parameter: value'");
                continue;
            }
            String key = k.getValue().trim();
            if (keyNodes.containsKey(key)) {
                problems.add(k, where + ": override '" + key + "' appears twice (first on line "
                        + Values.line(keyNodes.get(key)) + ")");
                continue;
            }
            keyNodes.put(key, k);
            if (v.getValue().isBlank()) {
                problems.add(v, where + ": override '" + key + "' needs a value");
                continue;
            }
            byKey.put(key, v.getValue().trim());
            result.add(key + "=" + v.getValue().trim());
        }
        if (profile != null) strict(profile, byKey, keyNodes, node, where);
        return result;
    }

    private void strict(DeviceProfile profile, Map<String, String> overrides, Map<String, Node> keyNodes, Node all,
                        String where) {
        try {
            ProfileOverrides.apply(profile, overrides, where);
        } catch (ProfileException e) {
            for (ProfileException p : e.allProblems()) {
                Matcher m = NAMED_KEY.matcher(p.problem());
                Node at = m.lookingAt() && keyNodes.containsKey(m.group(1)) ? keyNodes.get(m.group(1)) : all;
                problems.add(at, where + ": " + p.problem());
            }
        }
    }
}
