package io.onegrid.gateway.installer;

import io.onegrid.profile.ProfileException;
import io.onegrid.profile.YamlDocument;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Adds and removes one entry of gateway.yaml's {@code devices:} by line ranges from the project's YAML reader, so
 * every other line (comments, layout, other sections) stays byte for byte. Only text is edited here; the caller
 * validates the result with the gateway's own parser before anything is written.
 */
final class DeviceEdits {
    private static final YamlDocument DOCUMENT = new YamlDocument("configuration file", 4 * 1024 * 1024, 16, 500_000, false);
    private static final String KEY = "devices";

    private DeviceEdits() {
    }

    /**
     * The text with {@code entry} appended to devices: (created at the end of the file when absent).
     *
     * @throws ProfileException when the file is not YAML, or devices: is written in a form this edit cannot extend
     */
    static String add(String sourceName, String text, DeviceEntry entry) {
        MappingNode top = top(sourceName, text);
        List<String> lines = lines(text);
        NodeTuple devices = find(top, KEY);
        if (devices == null) {
            List<String> block = new ArrayList<>();
            int at = lines.size();
            if (at > 0 && lines.get(at - 1).isEmpty()) at--;
            if (at > 0 && !lines.get(at - 1).isBlank()) block.add("");
            block.add(KEY + ":");
            block.addAll(entry.lines(2, 4));
            lines.addAll(at, block);
            return join(lines, text);
        }
        Node value = devices.getValueNode();
        if (value instanceof SequenceNode seq && seq.getFlowStyle() == DumperOptions.FlowStyle.BLOCK && !seq.getValue().isEmpty()) {
            Node first = seq.getValue().get(0);
            int dashColumn = seq.getStartMark().getColumn();
            int keyColumn = first.getStartMark().getColumn();
            if (!(first instanceof MappingNode) || keyColumn <= dashColumn) keyColumn = dashColumn + 2;
            int at = lastContentLine(seq.getValue().get(seq.getValue().size() - 1), lines) + 1;
            lines.addAll(at, entry.lines(dashColumn, keyColumn));
            return join(lines, text);
        }
        boolean empty = value instanceof SequenceNode s ? s.getValue().isEmpty()
                : value instanceof ScalarNode sc && sc.getValue().isEmpty();
        if (!empty) {
            throw new ProfileException(sourceName, value.getStartMark().getLine() + 1, value.getStartMark().getColumn() + 1,
                    "devices: is written in flow style ([...]); the devices command edits only a block list"
                            + " ('- id: ...' lines): rewrite it as one, or edit the file by hand");
        }
        // "devices: []" or "devices:" with nothing: the empty value's characters become the first item
        int keyLine = devices.getKeyNode().getStartMark().getLine();
        String line = lines.get(keyLine);
        int from = value.getStartMark().getLine() == keyLine ? value.getStartMark().getColumn() : line.length();
        int to = value.getEndMark().getLine() == keyLine ? value.getEndMark().getColumn() : from;
        String rest = line.substring(to);
        lines.set(keyLine, (line.substring(0, from).stripTrailing() + (rest.isBlank() ? "" : " " + rest.strip())));
        lines.addAll(keyLine + 1, entry.lines(2, 4));
        return join(lines, text);
    }

    /**
     * The text without the device {@code id}; the list becomes {@code devices: []} when it was the last one.
     *
     * @throws ProfileException when the file is not YAML or declares no device with that id
     */
    static String remove(String sourceName, String text, String id) {
        MappingNode top = top(sourceName, text);
        List<String> lines = lines(text);
        NodeTuple devices = find(top, KEY);
        if (devices == null || !(devices.getValueNode() instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            throw new ProfileException(sourceName, 0, "declares no devices, so there is no device '" + id + "' to remove");
        }
        if (seq.getFlowStyle() != DumperOptions.FlowStyle.BLOCK) {
            throw new ProfileException(sourceName, seq.getStartMark().getLine() + 1, seq.getStartMark().getColumn() + 1,
                    "devices: is written in flow style ([...]); edit it by hand");
        }
        List<Node> items = seq.getValue();
        for (int i = 0; i < items.size(); i++) {
            if (!id.equals(idOf(items.get(i)))) continue;
            int from = dashLine(items.get(i), lines);
            int to = lastContentLine(items.get(i), lines) + 1;
            lines.subList(from, to).clear();
            if (items.size() == 1) {
                int keyLine = devices.getKeyNode().getStartMark().getLine();
                String line = lines.get(keyLine);
                int colon = line.indexOf(':', devices.getKeyNode().getStartMark().getColumn());
                lines.set(keyLine, line.substring(0, colon + 1) + " []" + line.substring(colon + 1));
            }
            return join(lines, text);
        }
        List<String> ids = items.stream().map(DeviceEdits::idOf).filter(s -> s != null).toList();
        throw new ProfileException(sourceName, devices.getKeyNode().getStartMark().getLine() + 1,
                "declares no device '" + id + "' (declared: " + String.join(", ", ids) + ")");
    }

    private static MappingNode top(String sourceName, String text) {
        Node root = DOCUMENT.compose(sourceName, text);
        if (root == null) return new MappingNode(null, List.of(), DumperOptions.FlowStyle.BLOCK);
        if (!(root instanceof MappingNode m)) {
            throw new ProfileException(sourceName, root.getStartMark().getLine() + 1,
                    "the file is not a mapping of sections (gateway:, hub:, storage:, devices:)");
        }
        return m;
    }

    private static NodeTuple find(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) return t;
        }
        return null;
    }

    private static String idOf(Node item) {
        if (!(item instanceof MappingNode m)) return null;
        NodeTuple t = find(m, "id");
        return t != null && t.getValueNode() instanceof ScalarNode s ? s.getValue() : null;
    }

    /** The line of the item's "-": its first key's line, or above it when the dash stands alone ("- # comment"). */
    private static int dashLine(Node item, List<String> lines) {
        int line = item.getStartMark().getLine();
        int column = item.getStartMark().getColumn();
        while (line > 0 && !lines.get(line).substring(0, Math.min(column, lines.get(line).length())).contains("-")) {
            line--;
            column = lines.get(line).length();
        }
        return line;
    }

    /** The item's last line holding YAML: comments and blanks after it belong to what follows. */
    private static int lastContentLine(Node item, List<String> lines) {
        var end = item.getEndMark();
        int last = Math.min(end.getLine(), lines.size() - 1);
        // a block item ends where the next token starts: when only indentation precedes it, that line is not the item's
        String endLine = lines.get(last);
        if (last == end.getLine() && last > item.getStartMark().getLine()
                && endLine.substring(0, Math.min(end.getColumn(), endLine.length())).isBlank()) {
            last--;
        }
        while (last > item.getStartMark().getLine() && isCommentOrBlank(lines.get(last))) last--;
        return last;
    }

    private static boolean isCommentOrBlank(String line) {
        String s = line.strip();
        return s.isEmpty() || s.startsWith("#");
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(text.split("\n", -1)));
    }

    private static String join(List<String> lines, String original) {
        String joined = String.join("\n", lines);
        return original.isEmpty() ? joined + "\n" : joined;
    }
}
