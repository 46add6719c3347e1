package io.onegrid.gateway.installer;

import io.onegrid.profile.ProfileException;
import io.onegrid.profile.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Writes the gateway and hub sections of gateway.yaml: a new file with them, {@code storage.dir} and no devices,
 * or an existing file with only those two sections replaced (line ranges from the project's YAML reader), so the
 * devices, buses, comments and layout the installer wrote stay exactly as they were. The caller validates the
 * result with the gateway's own parser before anything is written.
 */
public final class GatewayYaml {
    static final String DEFAULT_STORAGE_DIR = "/var/lib/onegrid";
    /** Hub settings provisioning does not decide: kept from an existing hub section. */
    private static final List<String> KEPT_HUB_KEYS = List.of("keepAliveSeconds", "healthIntervalSeconds");
    private static final YamlDocument DOCUMENT = new YamlDocument("configuration file", 4 * 1024 * 1024, 16, 500_000, false);

    /**
     * What provisioning decides: the identity and how to reach the hub (absolute paths); either {@code passwordFile}
     * or {@code certificateFile} with {@code keyFile}, the others null.
     */
    public record HubSection(String gatewayId, String mqttUri, Path passwordFile, Path truststore, Path certificateFile,
                             Path keyFile) {
        public HubSection(String gatewayId, String mqttUri, Path passwordFile, Path truststore) {
            this(gatewayId, mqttUri, passwordFile, truststore, null, null);
        }
    }

    private GatewayYaml() {
    }

    public static String fresh(HubSection hub) {
        return "# Written by onegrid-gateway provision; every key is documented in gateway/config/example.yaml.\n"
                + "# Declare this gateway's devices under devices: (docs/installing.md); provision again keeps them.\n"
                + sections(hub, Map.of())
                + "storage:\n  dir: " + DEFAULT_STORAGE_DIR + "\n\n"
                + "devices: []\n";
    }

    /** The gateway id an existing file declares, if it parses and has one. */
    public static Optional<String> gatewayId(String sourceName, String existing) {
        try {
            Node root = DOCUMENT.compose(sourceName, existing);
            return Optional.ofNullable(scalar(child(root, "gateway"), "id"));
        } catch (ProfileException e) {
            return Optional.empty();
        }
    }

    /**
     * The existing file with its gateway and hub sections replaced (put where the first of them was, else at the top).
     *
     * @throws ProfileException when the file is not YAML or not a mapping (file:line in the message)
     */
    public static String merge(String sourceName, String existing, HubSection hub) {
        Node root = DOCUMENT.compose(sourceName, existing);
        if (root == null) return fresh(hub);
        if (!(root instanceof MappingNode top)) {
            throw new ProfileException(sourceName, root.getStartMark().getLine() + 1,
                    "the file is not a mapping of sections (gateway:, hub:, storage:, devices:)");
        }
        Map<String, String> kept = new LinkedHashMap<>();
        Node oldHub = child(root, "hub");
        for (String key : KEPT_HUB_KEYS) {
            String v = scalar(oldHub, key);
            if (v != null) kept.put(key, v);
        }
        List<String> lines = new ArrayList<>(List.of(existing.split("\n", -1)));
        List<int[]> replaced = new ArrayList<>();
        for (NodeTuple t : top.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
            if (key.equals("gateway") || key.equals("hub")) replaced.add(lineRange(t, lines));
        }
        int insertAt = replaced.isEmpty() ? firstContentLine(lines) : replaced.get(0)[0];
        // remove from the bottom so earlier ranges keep their line numbers
        replaced.sort((a, b) -> Integer.compare(b[0], a[0]));
        for (int[] r : replaced) {
            lines.subList(r[0], r[1]).clear();
            if (r[0] < insertAt) insertAt -= r[1] - r[0];
        }
        String block = sections(hub, kept);
        lines.add(insertAt, block.substring(0, block.length() - 1));
        return String.join("\n", lines);
    }

    /** Lines [from, to) of one top-level entry: its key line to its value's last line. */
    private static int[] lineRange(NodeTuple t, List<String> lines) {
        int from = t.getKeyNode().getStartMark().getLine();
        var end = t.getValueNode().getEndMark();
        // a block value ends at the start of the next entry's line (column 0): that line is not part of it
        int to = end.getColumn() == 0 ? end.getLine() : end.getLine() + 1;
        // the next section's own comments (column 0, before its key) stay with it
        while (to > from + 1 && isCommentOrBlank(lines.get(to - 1)) && !lines.get(to - 1).startsWith(" ")) to--;
        // blank lines after it go with it: the written section brings its own, so merging again changes nothing
        while (to < lines.size() - 1 && lines.get(to).isBlank()) to++;
        return new int[] {from, Math.min(to, lines.size())};
    }

    private static boolean isCommentOrBlank(String line) {
        String s = line.strip();
        return s.isEmpty() || s.startsWith("#");
    }

    private static int firstContentLine(List<String> lines) {
        int i = 0;
        while (i < lines.size() && isCommentOrBlank(lines.get(i))) i++;
        return i;
    }

    private static String sections(HubSection hub, Map<String, String> kept) {
        StringBuilder sb = new StringBuilder();
        sb.append("gateway:\n  id: ").append(quote(hub.gatewayId())).append("\n\n");
        sb.append("hub:\n");
        sb.append("  uri: ").append(quote(hub.mqttUri())).append('\n');
        if (hub.passwordFile() != null) sb.append("  passwordFile: ").append(quote(hub.passwordFile().toString())).append('\n');
        if (hub.certificateFile() != null) {
            sb.append("  certificateFile: ").append(quote(hub.certificateFile().toString())).append('\n');
            sb.append("  keyFile: ").append(quote(hub.keyFile().toString())).append('\n');
        }
        if (hub.truststore() != null) sb.append("  truststore: ").append(quote(hub.truststore().toString())).append('\n');
        // numbers and durations (30, 1m) stay plain: the parser reads a quoted number as text
        kept.forEach((k, v) -> sb.append("  ").append(k).append(": ")
                .append(v.matches("[A-Za-z0-9]+") ? v : quote(v)).append('\n'));
        return sb.append('\n').toString();
    }

    /** A YAML double-quoted scalar: safe for any path or URI (colons, '#', spaces). */
    static String quote(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < ' ') sb.append(String.format("\\x%02x", (int) c));
            else sb.append(c);
        }
        return sb.append('"').toString();
    }

    private static Node child(Node map, String key) {
        if (!(map instanceof MappingNode m)) return null;
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) return t.getValueNode();
        }
        return null;
    }

    private static String scalar(Node map, String key) {
        return child(map, key) instanceof ScalarNode s ? s.getValue() : null;
    }
}
